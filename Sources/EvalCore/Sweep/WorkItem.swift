/// One request of a sweep: a platform, a case and a sample index.
public struct WorkItem: Sendable, Equatable {
    /// The platform's name.
    public var platform: String
    /// The suite's identifier.
    public var suiteID: String
    /// The suite's version.
    public var suiteVersion: Int
    /// The case.
    public var evalCase: EvalCase
    /// Which sample of the case, from 0.
    public var sampleIndex: Int
    /// The case's effective sampling parameters.
    public var sampling: SamplingParameters
    /// This sample's seed.
    public var seed: UInt64
    /// The routing key sent with the request.
    public var routingKey: String?

    /// Creates a work item.
    public init(
        platform: String, suiteID: String, suiteVersion: Int, evalCase: EvalCase, sampleIndex: Int,
        sampling: SamplingParameters, seed: UInt64, routingKey: String?
    ) {
        self.platform = platform
        self.suiteID = suiteID
        self.suiteVersion = suiteVersion
        self.evalCase = evalCase
        self.sampleIndex = sampleIndex
        self.sampling = sampling
        self.seed = seed
        self.routingKey = routingKey
    }
}
