/// Counts of one drift metric's verdicts for one platform and suite in one run.
public struct DriftTally: Sendable, Equatable {
    public var platform: String
    public var suite: String
    public var metric: DriftMetric
    /// Samples the metric judged.
    public var judged: Int
    /// Of those, samples that failed it.
    public var failed: Int
    /// Samples the metric could not judge (the reference's replay failed).
    public var unavailable: Int
    /// For rules that judge every token on its own (`drift-self`): the tokens judged in those samples.
    public var tokensJudged: Int
    /// Of those, the tokens that broke the rule.
    public var tokensFailed: Int

    public init(
        platform: String, suite: String, metric: DriftMetric, judged: Int, failed: Int, unavailable: Int = 0, tokensJudged: Int = 0,
        tokensFailed: Int = 0
    ) {
        self.platform = platform
        self.suite = suite
        self.metric = metric
        self.judged = judged
        self.failed = failed
        self.unavailable = unavailable
        self.tokensJudged = tokensJudged
        self.tokensFailed = tokensFailed
    }
}
