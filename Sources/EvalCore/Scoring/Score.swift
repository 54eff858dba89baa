/// The verdict of one scorer on one sample.
public struct Score: Sendable, Equatable {
    /// The scorer's name, such as `language-mix`.
    public var scorer: String
    /// A value in [0, 1]; what it measures is the scorer's to say (for detectors, severity).
    public var value: Double
    /// Whether the sample passed; `nil` when the scorer could not judge it (unavailable).
    public var passed: Bool?
    /// Scorer-specific evidence as a JSON object.
    public var details: String

    /// Creates a score.
    public init(scorer: String, value: Double, passed: Bool?, details: String = "{}") {
        self.scorer = scorer
        self.value = value
        self.passed = passed
        self.details = details
    }
}
