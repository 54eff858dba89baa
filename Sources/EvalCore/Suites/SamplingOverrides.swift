/// Per-case replacements for a suite's sampling defaults; `nil` keeps the default.
public struct SamplingOverrides: Sendable, Equatable {
    public var temperature: Double?
    public var topP: Double?
    public var topK: Int?
    public var maxTokens: Int?
    public var samples: Int?
    public var seed: UInt64?
    public var stop: [String]?

    /// Creates overrides; every parameter defaults to keeping the suite's value.
    public init(
        temperature: Double? = nil, topP: Double? = nil, topK: Int? = nil,
        maxTokens: Int? = nil, samples: Int? = nil, seed: UInt64? = nil
    ) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.maxTokens = maxTokens
        self.samples = samples
        self.seed = seed
    }

    /// Applies the overrides to a set of defaults.
    public func applied(to defaults: SamplingParameters) -> SamplingParameters {
        var result = defaults
        if let temperature { result.temperature = temperature }
        if let topP { result.topP = topP }
        if let topK { result.topK = topK }
        if let maxTokens { result.maxTokens = maxTokens }
        if let samples { result.samples = samples }
        if let seed { result.seed = seed }
        if let stop { result.stop = stop }
        return result
    }
}
