/// Drift thresholds measured on healthy runs: the noise floor each drift metric is tested against.
///
/// The runs are split by their order: the log-probability gap threshold is set on the even ones
/// (three times the 99.9th percentile of their samples' mean gaps) and its null rate measured on
/// the odd ones, so that the rate is not read off the very samples that set the threshold. Every
/// other metric's null rate is measured on all of them. Each null rate is the exact 99.9% upper
/// confidence bound of the failures seen, so zero failures still give a rate that shrinks with
/// the evidence. `drift-self` judges each token against the platform's own report of that step,
/// so it is also measured per token (its `judged` and `violations` details).
public struct DriftCalibration: Sendable {
    /// One drift score as stored.
    public struct StoredScore: Sendable, Equatable {
        public var value: Double
        public var passed: Bool
        public var details: String

        public init(value: Double, passed: Bool, details: String) {
            self.value = value
            self.passed = passed
            self.details = details
        }
    }

    /// One measured null rate.
    public struct Row: Sendable, Equatable {
        public var metric: DriftMetric
        public var unit: DriftAssessment.Unit
        public var judged: Int
        public var failed: Int
        /// The rate's exact upper confidence bound: the null rate written.
        public var bound: Double
    }

    /// The confidence of each null rate's upper bound.
    public static let confidence = 0.999

    /// The thresholds: defaults, with the gap threshold and null rates measured.
    public var thresholds: DriftThresholds
    /// The null rates, in metric order.
    public var rows: [Row]
    /// The runs that set the gap threshold.
    public var tuningRuns: [Int64]

    /// Calibrates from healthy runs.
    ///
    /// - Parameters:
    ///   - runIDs: The healthy runs.
    ///   - scores: The stored scores of a metric over some runs; with `includeUnjudged`, also the
    ///     gaps stored without a verdict because no calibration judged them yet.
    public init(runIDs: [Int64], scores: (_ runIDs: [Int64], _ metric: DriftMetric, _ includeUnjudged: Bool) throws -> [StoredScore]) rethrows {
        var thresholds = DriftThresholds()
        thresholds.nullRates = [:]
        let ordered = runIDs.sorted()
        let tuning = ordered.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let measuring = ordered.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        if let high = Quantiles.quantile(try scores(tuning, .logprob, true).map(\.value), 0.999) {
            thresholds.meanLogprobGap = max(0.02, (3 * high * 1000).rounded(.up) / 1000)
        }
        var rows: [Row] = []
        for metric in DriftMetric.allCases where metric != .distribution {
            let measured = try scores(metric == .logprob ? measuring : ordered, metric, metric == .logprob)
            guard !measured.isEmpty else { continue }
            let failed = metric == .logprob ? measured.filter { $0.value > thresholds.meanLogprobGap }.count : measured.filter { !$0.passed }.count
            let bound = BinomialTest.upperBound(successes: failed, trials: measured.count, confidence: Self.confidence)
            thresholds.nullRates[metric.rawValue] = bound
            rows.append(Row(metric: metric, unit: .sample, judged: measured.count, failed: failed, bound: bound))
            guard metric == .selfConsistency else { continue }
            var tokens = (judged: 0, failed: 0)
            for score in measured {
                guard case .success(let details) = JSONParser.parse(score.details), let judged = details["judged"]?.int,
                    let violations = details["violations"]?.int
                else { continue }
                tokens.judged += judged
                tokens.failed += violations
            }
            guard tokens.judged > 0 else { continue }
            let tokenBound = BinomialTest.upperBound(successes: tokens.failed, trials: tokens.judged, confidence: Self.confidence)
            thresholds.tokenNullRates[metric.rawValue] = tokenBound
            rows.append(Row(metric: metric, unit: .token, judged: tokens.judged, failed: tokens.failed, bound: tokenBound))
        }
        self.thresholds = thresholds
        self.rows = rows
        self.tuningRuns = tuning
    }
}
