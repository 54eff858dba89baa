import EvalCore
import Foundation

/// One generated token, with the platform's log-probabilities.
public struct GeneratedToken: Sendable, Equatable {
    /// The token's text.
    public var text: String
    /// Log-probability of the token under the platform's (perturbed) distribution.
    public var logprob: Double
    /// The most likely tokens at this position, most likely first.
    public var top: [(text: String, logprob: Double)]

    public static func == (lhs: GeneratedToken, rhs: GeneratedToken) -> Bool {
        lhs.text == rhs.text && lhs.logprob == rhs.logprob && lhs.top.map(\.text) == rhs.top.map(\.text)
            && lhs.top.map(\.logprob) == rhs.top.map(\.logprob)
    }
}

/// What one generation produced.
public struct Generation: Sendable, Equatable {
    /// The tokens.
    public var tokens: [GeneratedToken]
    /// `stop` when the model ended the text, `length` when `maxTokens` cut it.
    public var finishReason: String
    /// Tokens in the prompt, as the fleet's tokenizer counts them.
    public var promptTokens: Int
    /// The corpus document the answer was drawn from.
    public var documentID: String

    /// The generated text.
    public var text: String { tokens.map(\.text).joined() }
}

extension FleetLanguageModel {
    /// Generates an answer.
    ///
    /// - Parameters:
    ///   - prompt: The prompt.
    ///   - rule: Temperature, top-k and top-p.
    ///   - maxTokens: Upper bound on generated tokens.
    ///   - seed: Seed of the sampling draws; the same seed gives the same answer.
    ///   - numerics: How the platform perturbs the distribution.
    ///   - topLogprobs: Alternatives to report per token.
    ///   - faults: Serving faults to reproduce in this generation.
    public func generate(
        prompt: Prompt, rule: SamplingRule, maxTokens: Int, seed: UInt64, numerics: Numerics = .exact, topLogprobs: Int = 0,
        faults: GenerationFaults = GenerationFaults()
    ) -> Generation {
        let document = self.document(for: prompt)
        var sampler = SplitMix64(seed: seed)
        var noise = SplitMix64Stream(seed: seed ^ 0x6E6F_6973_6500)
        // Fault decisions draw from their own stream, so a healthy platform's samples are unchanged.
        var faultDraws = SplitMix64(seed: seed ^ 0x6661_756C_7473)
        let group = documents[document].group
        let pointerWeight = faults.longContextPool ? Self.longContextPointerWeight : Self.pointerWeight
        var z = Self.bos
        var a = Self.bos
        var b = Self.bos
        var pointer: Int? = 0
        var tokens: [GeneratedToken] = []
        var finishReason = "length"
        while tokens.count < maxTokens {
            var distribution = distribution(after: z, a, b, document: document, pointer: pointer, pointerWeight: pointerWeight)
            numerics.perturb(&distribution.logprobs, using: &noise)
            if faults.corruptionRate > 0, faultDraws.nextUniform() < faults.corruptionRate,
                let wrong = corruptToken(group: group, draw: faultDraws.next())
            {
                // The platform itself believes the wrong token: its reported log-probabilities say so.
                distribution = Self.corrupted(distribution, boosting: Int(wrong))
            }
            var sampling = distribution
            if faults.dropTopRate > 0, faultDraws.nextUniform() < faults.dropTopRate, distribution.tokens.count > 1,
                let top = distribution.rankedIndices.first
            {
                // Approximate top-k lost the most likely token; the reported log-probabilities stay true.
                sampling.tokens.remove(at: top)
                sampling.logprobs.remove(at: top)
            }
            guard let chosen = rule.sample(from: sampling, uniform: sampler.nextUniform()) else { break }
            if Int32(chosen) == Self.eos {
                finishReason = "stop"
                break
            }
            let top = topLogprobs > 0 ? distribution.top(topLogprobs).map { (text: vocabulary[$0.token], logprob: $0.logprob) } : []
            tokens.append(GeneratedToken(text: vocabulary[chosen], logprob: distribution.logprob(of: chosen), top: top))
            z = a
            a = b
            b = Int32(chosen)
            pointer = advance(pointer: pointer, token: b, context: (z, a, b), document: document)
        }
        let promptTokens = FleetTokenizer.tokenize(prompt.flattened).count
        return Generation(tokens: tokens, finishReason: finishReason, promptTokens: promptTokens, documentID: documents[document].id)
    }
}

extension FleetLanguageModel {
    /// A wrong token for a corrupted position: for code, half the time a stray bracket, quote or
    /// colon; otherwise a token of a script the answer's language never uses.
    func corruptToken(group: String, draw: UInt64) -> Int32? {
        if group.hasPrefix("code:"), draw & 1 == 0, !codeBreakers.isEmpty {
            return codeBreakers[Int((draw >> 1) % UInt64(codeBreakers.count))]
        }
        guard let pool = foreignTokens[group], !pool.isEmpty else { return nil }
        return pool[Int((draw >> 1) % UInt64(pool.count))]
    }

    /// The distribution with 90% of the mass moved to `token`.
    static func corrupted(_ distribution: TokenDistribution, boosting token: Int) -> TokenDistribution {
        var weights = zip(distribution.tokens, distribution.logprobs).map { (token: $0, weight: 0.1 * exp($1)) }
        if let index = weights.firstIndex(where: { $0.token == token }) {
            weights[index].weight += 0.9
        } else {
            weights.append((token, 0.9))
        }
        return TokenDistribution(weights: weights)
    }
}
