/// One completed sample's output, for the distribution test of platforms without log-probabilities.
public struct SampleOutput: Sendable, Equatable {
    public var platform: String
    public var suite: String
    public var caseID: String
    public var output: String
    /// Whether the platform reported token log-probabilities for it.
    public var hasTokens: Bool

    public init(platform: String, suite: String, caseID: String, output: String, hasTokens: Bool) {
        self.platform = platform
        self.suite = suite
        self.caseID = caseID
        self.output = output
        self.hasTokens = hasTokens
    }
}
