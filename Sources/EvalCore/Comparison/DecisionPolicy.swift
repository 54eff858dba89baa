/// When a difference counts as a regression, for `compare` and `gate`. Set in the configuration's
/// `gate:` section.
public struct DecisionPolicy: Sendable, Equatable {
    /// Family-wise error rate over the rows of one comparison (Holm).
    public var alpha = 0.01
    /// The smallest increase in failure rate that counts (absolute): below it, a significant
    /// difference is not worth failing a deploy for.
    public var minimumEffect = 0.01
    /// A candidate with more infrastructure errors than this share of its requests cannot be judged.
    public var maximumInfraErrorRate = 0.2
    /// The largest regression (absolute increase in failure rate) a gate may be unable to see and
    /// still pass: when the run's minimum detectable effect for a metric is larger, the gate cannot
    /// judge (``GateEvaluation/Verdict/underpowered``). 1 turns the check off.
    public var maximumUndetectableEffect = 0.10
    /// Metrics whose healthy failure rate is known (the drift metrics' calibrated null rates). Their
    /// failures are rare, so a paired test over a few cases cannot reach `alpha`; the gate also tests
    /// the candidate's failures against the larger of this rate and the baseline's (exact binomial).
    public var nullRates: [String: Double] = [:]

    public init() {}
}
