/// When a difference counts as a regression, for `compare` and `gate`.
///
/// Set in the configuration's `gate:` section.
public struct DecisionPolicy: Sendable, Equatable {
    /// Family-wise error rate over the rows of one comparison (Holm).
    public var alpha = 0.01
    /// The smallest increase in failure rate that counts (absolute): below it, a significant
    /// difference is not worth failing a deploy for.
    public var minimumEffect = 0.01
    /// A candidate with more infrastructure errors than this share of its requests cannot be judged.
    public var maximumInfraErrorRate = 0.2
    /// The largest regression (absolute increase in failure rate) a gate may be unable to see and still pass.
    ///
    /// When the run's minimum detectable effect for a metric is larger, the gate cannot judge
    /// (``GateEvaluation/Verdict/underpowered``). 1 turns the check off.
    public var maximumUndetectableEffect = 0.10
    /// Metrics whose healthy failure rate is known (the drift metrics' calibrated null rates).
    ///
    /// Their failures are rare, so a paired test over a few cases cannot reach `alpha`; the gate also tests
    /// the candidate's failures against the larger of this rate and the baseline's (exact binomial).
    public var nullRates: [String: Double] = DecisionPolicy.textNullRates

    /// The text scorers' healthy failure rates: their false-positive rates on clean text measured by
    /// `make validate` (rounded up).
    ///
    /// A platform that mixes languages into a few answers fails a
    /// handful of samples spread over different cases, which the paired test over cases cannot see;
    /// against these rates (or the baseline's own, when higher) the binomial test over samples can.
    public static let textNullRates: [String: Double] = [LanguageMixScorer.metric: 0.005, CodeSyntaxScorer.metric: 0.001]

    /// Metrics whose null-rate test counts failing *cases*, not samples: a text scorer's false
    /// positive follows the prompt (a question about a French phrase fails every one of its samples),
    /// so its samples are not independent; a drift rule's healthy failures come from numerics, sample
    /// by sample.
    ///
    /// Each case fails its null with probability 1 − (1 − rate)^samples.
    public var caseLevelNullMetrics: Set<String> = Set(DecisionPolicy.textNullRates.keys)

    public init() {}
}
