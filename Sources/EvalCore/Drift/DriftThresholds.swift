/// The tolerances and noise floors drift scoring judges samples and platforms by.
///
/// The defaults were measured on the embedded fleet (`evalctl calibrate`); a calibration file
/// from the user's own fleet replaces them.
public struct DriftThresholds: Sendable, Equatable, Codable {
    /// Tolerance, in nats, when judging a platform's token against the reference's distribution.
    public var referenceSlack: Double
    /// Tolerance, in nats, when judging a token against the platform's own reported distribution.
    public var selfSlack: Double
    /// A sampled token less likely than this under the reference is impossible whatever the rule.
    public var logprobFloor: Double
    /// Per-sample mean |platform − reference| log-probability of the sampled tokens above which
    /// a sample's log-probabilities disagree with the reference.
    public var meanLogprobGap: Double
    /// Reference margin (top-1 minus top-2 log-probability) above which a greedy divergence is a bug.
    public var greedyMargin: Double
    /// Mean total-variation distance (lower bound) between a platform's and the reference's reported
    /// next-token distributions over their shared context above which a sample drifted
    /// (``AlignedComparison``).
    public var alignedDistance: Double
    /// vLLM's floor for greedy divergences: each side's token must be in the other's top `topN`.
    public var topN: Int
    /// Upper bound on the vocabulary's size (bounds unreported mass at temperatures above 1).
    public var vocabularySize: Int
    /// Per metric, the rate at which healthy samples fail it: the null of each platform's test.
    public var nullRates: [String: Double]
    /// Per metric judged token by token (`drift-self`), the rate at which healthy tokens break it.
    ///
    /// The null of a test whose unit is the token. Only a calibration measures it; without one the
    /// test is not made.
    public var tokenNullRates: [String: Double] = [:]
    /// Significance level at which a platform is flagged, after multiple-testing control.
    public var alpha: Double
    /// Where these values come from.
    public var source: String
    /// Whether `drift-logprob` failures count.
    ///
    /// The log-probability gap is pure kernel numerics, which
    /// differ from engine to engine: the built-in threshold was measured on evalctl's fleet, so a sweep
    /// against another reference without a calibration stores the gap unjudged. Not part of the file.
    public var judgesLogprobGap = true

    /// Creates thresholds.
    public init(
        referenceSlack: Double = 0.1, selfSlack: Double = 0.01, logprobFloor: Double = -20, meanLogprobGap: Double = 0.02,
        greedyMargin: Double = 0.5, alignedDistance: Double = 0.1, topN: Int = 5, vocabularySize: Int = 262_144,
        nullRates: [String: Double] = DriftThresholds.defaultNullRates,
        alpha: Double = 0.001, source: String = "defaults"
    ) {
        self.referenceSlack = referenceSlack
        self.selfSlack = selfSlack
        self.logprobFloor = logprobFloor
        self.meanLogprobGap = meanLogprobGap
        self.greedyMargin = greedyMargin
        self.alignedDistance = alignedDistance
        self.topN = topN
        self.vocabularySize = vocabularySize
        self.nullRates = nullRates
        self.alpha = alpha
        self.source = source
    }

    /// Null rates used before any calibration, measured on the embedded fleet by
    /// `evalctl calibrate --sweeps 10` (seeds 1–10, four healthy platforms, reference included):
    /// no healthy sample failed any rule in 10,400 (2,400 greedy; 5,200 for the gap, measured on
    /// the half of the runs that did not set its 0.02-nat threshold), so each rate is the exact
    /// 99.9% upper confidence bound of zero failures.
    public static let defaultNullRates: [String: Double] = [
        DriftMetric.selfConsistency.rawValue: 0.000664,
        DriftMetric.nucleus.rawValue: 0.000664,
        DriftMetric.logprob.rawValue: 0.001328,
        DriftMetric.greedy.rawValue: 0.002874,
        DriftMetric.aligned.rawValue: 0.001,
    ]

    /// The null rate of a metric, never below a floor that keeps one odd sample from being overwhelming evidence.
    public func nullRate(of metric: DriftMetric) -> Double {
        max(nullRates[metric.rawValue] ?? 0.01, 1e-4)
    }

    /// The per-token null rate of a metric judged token by token, when calibrated; never below 10⁻⁵.
    public func tokenNullRate(of metric: DriftMetric) -> Double? {
        tokenNullRates[metric.rawValue].map { max($0, 1e-5) }
    }
}

extension DriftThresholds {
    private enum CodingKeys: String, CodingKey {
        case referenceSlack, selfSlack, logprobFloor, meanLogprobGap, greedyMargin, alignedDistance, topN, vocabularySize, nullRates, tokenNullRates
        case alpha, source
    }

    /// Decodes thresholds; files written before a field existed get that field's default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DriftThresholds()
        self.init(
            referenceSlack: try container.decode(Double.self, forKey: .referenceSlack),
            selfSlack: try container.decode(Double.self, forKey: .selfSlack),
            logprobFloor: try container.decode(Double.self, forKey: .logprobFloor),
            meanLogprobGap: try container.decode(Double.self, forKey: .meanLogprobGap),
            greedyMargin: try container.decode(Double.self, forKey: .greedyMargin),
            alignedDistance: try container.decodeIfPresent(Double.self, forKey: .alignedDistance) ?? defaults.alignedDistance,
            topN: try container.decode(Int.self, forKey: .topN),
            vocabularySize: try container.decode(Int.self, forKey: .vocabularySize),
            nullRates: try container.decode([String: Double].self, forKey: .nullRates),
            alpha: try container.decode(Double.self, forKey: .alpha),
            source: try container.decode(String.self, forKey: .source)
        )
        tokenNullRates = try container.decodeIfPresent([String: Double].self, forKey: .tokenNullRates) ?? [:]
    }
}
