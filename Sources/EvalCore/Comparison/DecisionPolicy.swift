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

    public init() {}
}
