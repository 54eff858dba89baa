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
    /// The clusters (cases of a run) the samples came in, with their sums Σf², Σf·n and Σn².
    ///
    /// f is a case's failures, n its judged samples: enough to tell how far the samples of one case
    /// fail together. 0 when not known (runs stored before they were kept).
    public var clusters = 0
    public var failedSquares = 0
    public var failedJudged = 0
    public var judgedSquares = 0

    public init(platform: String, suite: String, metric: String, judged: Int, failed: Int, unavailable: Int = 0) {
        self.platform = platform
        self.suite = suite
        self.metric = metric
        self.judged = judged
        self.failed = failed
        self.unavailable = unavailable
    }

    /// How many times the failure rate's variance exceeds what independent samples would give.
    ///
    /// Rao and Scott's design effect, from the cluster sums: about 3 when three identical
    /// temperature-0 repeats of each case fail or pass together, about 1 when samples are
    /// independent. Never below 1; 1 when unknown, or with no failure or no success to vary.
    public var designEffect: Double {
        guard clusters > 1, failed > 0, failed < judged else { return 1 }
        let n = Double(judged)
        let rate = Double(failed) / n
        let k = Double(clusters)
        let residuals = Double(failedSquares) - 2 * rate * Double(failedJudged) + rate * rate * Double(judgedSquares)
        let clustered = k / (k - 1) * max(0, residuals) / (n * n)
        return max(1, clustered / (rate * (1 - rate) / n))
    }

    /// The counts the samples are worth as independent ones: both divided by the design effect.
    public var effective: Proportion { Proportion(failures: failed, trials: judged).dividing(by: designEffect) }

    /// Adds one case's samples as one cluster.
    public mutating func addCase(failed: Int, judged: Int) {
        self.judged += judged
        self.failed += failed
        clusters += 1
        failedSquares += failed * failed
        failedJudged += failed * judged
        judgedSquares += judged * judged
    }

    /// This tally and another summed (counts and cluster sums), under this one's names.
    public func merged(with other: MetricTally) -> MetricTally {
        var sum = self
        sum.judged += other.judged
        sum.failed += other.failed
        sum.unavailable += other.unavailable
        sum.clusters += other.clusters
        sum.failedSquares += other.failedSquares
        sum.failedJudged += other.failedJudged
        sum.judgedSquares += other.judgedSquares
        return sum
    }

    /// The stream this tally belongs to.
    public var stream: StreamKey { StreamKey(platform: platform, suite: suite, metric: metric) }

    /// Each platform × metric summed over its suites (the pooled `*` rows left out, so a metric
    /// measured on one suite is that suite's tally), in no particular order.
    public static func suiteTotals(_ tallies: [MetricTally]) -> [MetricTally] {
        var totals: [StreamKey: MetricTally] = [:]
        for tally in tallies where tally.suite != allSuites {
            let key = StreamKey(platform: tally.platform, suite: allSuites, metric: tally.metric)
            let empty = MetricTally(platform: tally.platform, suite: allSuites, metric: tally.metric, judged: 0, failed: 0)
            totals[key] = (totals[key] ?? empty).merged(with: tally)
        }
        return Array(totals.values)
    }

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
            let empty = MetricTally(platform: tally.platform, suite: allSuites, metric: tally.metric, judged: 0, failed: 0)
            pooled[key] = (pooled[key] ?? empty).merged(with: tally)
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
