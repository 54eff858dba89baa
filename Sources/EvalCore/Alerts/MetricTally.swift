/// Counts of one metric's verdicts for one platform and suite in one run: the unit every
/// comparison, gate and alert is computed from.
public struct MetricTally: Sendable, Equatable {
    /// The metric every sample has: the share of requests that failed at the infrastructure level.
    ///
    /// It is tracked like the others but only ever raises infrastructure alerts.
    public static let infraMetric = "infra-error"
    /// The suite name of the pooled row over all suites.
    public static let allSuites = "*"

    public var platform: String
    public var suite: String
    /// A scorer's name (`language-mix`, `drift-nucleus`, …) or ``infraMetric``.
    public var metric: String
    /// Samples judged.
    public var judged: Int
    /// Of those, samples that failed.
    public var failed: Int
    /// Samples the metric could not judge.
    public var unavailable: Int

    public init(platform: String, suite: String, metric: String, judged: Int, failed: Int, unavailable: Int = 0) {
        self.platform = platform
        self.suite = suite
        self.metric = metric
        self.judged = judged
        self.failed = failed
        self.unavailable = unavailable
    }

    /// The stream this tally belongs to.
    public var stream: StreamKey { StreamKey(platform: platform, suite: suite, metric: metric) }

    /// The tallies plus, per platform and metric measured on two suites or more, one pooled over
    /// all suites.
    public static func withPooledSuites(_ tallies: [MetricTally]) -> [MetricTally] {
        var pooled: [StreamKey: MetricTally] = [:]
        var suites: [StreamKey: Int] = [:]
        for tally in tallies where tally.suite != allSuites {
            suites[StreamKey(platform: tally.platform, suite: allSuites, metric: tally.metric), default: 0] += 1
        }
        for tally in tallies
        where tally.suite != allSuites && suites[StreamKey(platform: tally.platform, suite: allSuites, metric: tally.metric), default: 0] > 1 {
            let key = StreamKey(platform: tally.platform, suite: allSuites, metric: tally.metric)
            var total = pooled[key] ?? MetricTally(platform: tally.platform, suite: allSuites, metric: tally.metric, judged: 0, failed: 0)
            total.judged += tally.judged
            total.failed += tally.failed
            total.unavailable += tally.unavailable
            pooled[key] = total
        }
        return tallies.filter { $0.suite != allSuites } + pooled.values.sorted { ($0.platform, $0.metric) < ($1.platform, $1.metric) }
    }
}

/// One time series: a platform's metric on a suite (or ``MetricTally/allSuites``).
public struct StreamKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var platform: String
    public var suite: String
    public var metric: String

    public init(platform: String, suite: String, metric: String) {
        self.platform = platform
        self.suite = suite
        self.metric = metric
    }

    /// Whether the stream measures infrastructure rather than quality.
    public var isInfrastructure: Bool { metric == MetricTally.infraMetric }

    public var description: String { "\(platform)/\(suite)/\(metric)" }

    public static func < (lhs: StreamKey, rhs: StreamKey) -> Bool {
        (lhs.platform, lhs.suite, lhs.metric) < (rhs.platform, rhs.suite, rhs.metric)
    }
}

/// A run's tallies, in time order with the others.
public struct RunTallies: Sendable, Equatable {
    public var runID: Int64
    /// When the run started (seconds since 1970).
    public var startedAt: Double
    public var tallies: [MetricTally]

    public init(runID: Int64, startedAt: Double, tallies: [MetricTally]) {
        self.runID = runID
        self.startedAt = startedAt
        self.tallies = tallies
    }
}
