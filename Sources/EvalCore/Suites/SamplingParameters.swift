/// How completions are sampled for a case.
public struct SamplingParameters: Sendable, Equatable, Hashable {
    /// Softmax temperature; 0 means greedy decoding.
    public var temperature: Double
    /// Nucleus mass: the smallest set of top tokens whose probability reaches `topP` is kept.
    public var topP: Double
    /// Keep only the `topK` most likely tokens, when set.
    public var topK: Int?
    /// Upper bound on generated tokens.
    public var maxTokens: Int
    /// Completions requested per case.
    public var samples: Int
    /// Base seed; each sample derives its own seed from it.
    public var seed: UInt64
    /// Sequences that end generation when produced (sent as `stop`; not part of the answer).
    public var stop: [String] = []

    /// Creates sampling parameters.
    public init(temperature: Double = 0.7, topP: Double = 0.99, topK: Int? = nil, maxTokens: Int = 256, samples: Int = 1, seed: UInt64 = 0) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.maxTokens = maxTokens
        self.samples = samples
        self.seed = seed
    }

    /// The seed of one sample of one case, stable across runs.
    ///
    /// - Parameters:
    ///   - caseID: The case's identifier.
    ///   - index: The sample's index, from 0.
    /// - Returns: A seed that differs between cases and samples.
    public func seed(forCase caseID: String, sample index: Int) -> UInt64 {
        StableHash.value(of: "\(seed)\u{0}\(caseID)\u{0}\(index)") & 0x7FFF_FFFF_FFFF
    }
}
