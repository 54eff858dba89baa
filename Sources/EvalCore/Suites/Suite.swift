/// A versioned set of canned prompts, loaded from a YAML file under `Evals/`.
///
/// Bump ``version`` whenever results stop being comparable with earlier runs
/// (a prompt changed, a case was removed, the defaults moved).
public struct Suite: Sendable, Equatable {
    /// Stable identifier, such as `english-prose`.
    public var id: String
    /// Version of the suite's content.
    public var version: Int
    /// What the suite exercises, for people reading reports.
    public var description: String
    /// Sampling parameters that every case inherits unless it overrides them.
    public var defaults: SamplingParameters
    /// The prompts.
    public var cases: [EvalCase]

    /// Creates a suite.
    public init(id: String, version: Int, description: String, defaults: SamplingParameters, cases: [EvalCase]) {
        self.id = id
        self.version = version
        self.description = description
        self.defaults = defaults
        self.cases = cases
    }
}
