import Foundation

/// The sampling rule of a request — temperature, then top-k, then top-p — applied to a
/// distribution exactly, in Float64.
///
/// The same code samples in the simulated fleet and replays sampling against the reference,
/// so both sides agree on what "the sampling set" is.
public struct SamplingRule: Sendable, Equatable {
    /// Softmax temperature; 0 selects the most likely token.
    public var temperature: Double
    /// Nucleus mass in (0, 1].
    public var topP: Double
    /// Keep at most this many tokens, when set.
    public var topK: Int?

    /// Creates a rule.
    public init(temperature: Double, topP: Double, topK: Int? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
    }

    /// Creates the rule of a set of sampling parameters.
    public init(_ parameters: SamplingParameters) {
        self.init(temperature: parameters.temperature, topP: parameters.topP, topK: parameters.topK)
    }

    /// The tokens a sampler may pick, with their renormalised probabilities, most likely first.
    ///
    /// With temperature 0 the set is the single most likely token (the smaller id on a tie).
    /// Otherwise logits are divided by the temperature, the top `k` are kept, and the smallest
    /// prefix whose mass reaches `topP` is kept (the token that crosses the threshold included).
    /// - Parameter distribution: The model's distribution.
    /// - Returns: Token ids and probabilities summing to 1.
    public func candidates(of distribution: TokenDistribution) -> [(token: Int, probability: Double)] {
        let ranked = distribution.rankedIndices
        guard let first = ranked.first else { return [] }
        if temperature <= 0 {
            return [(distribution.tokens[first], 1)]
        }
        var kept = ranked
        if let topK, topK > 0, kept.count > topK { kept = Array(kept.prefix(topK)) }
        let maxLogit = distribution.logprobs[first] / temperature
        var weights = kept.map { exp(distribution.logprobs[$0] / temperature - maxLogit) }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= total }
        var cut = weights.count
        if topP < 1 {
            var mass = 0.0
            for (i, weight) in weights.enumerated() {
                mass += weight
                if mass >= topP - 1e-12 {
                    cut = i + 1
                    break
                }
            }
        }
        let nucleusMass = weights.prefix(cut).reduce(0, +)
        return (0..<cut).map { (distribution.tokens[kept[$0]], weights[$0] / nucleusMass) }
    }

    /// Draws one token.
    ///
    /// - Parameters:
    ///   - distribution: The model's distribution.
    ///   - uniform: A uniform draw in [0, 1).
    /// - Returns: The chosen token id, or `nil` for an empty distribution.
    public func sample(from distribution: TokenDistribution, uniform: Double) -> Int? {
        let set = candidates(of: distribution)
        var mass = 0.0
        for candidate in set {
            mass += candidate.probability
            if uniform < mass { return candidate.token }
        }
        return set.last?.token
    }
}
