import EvalCore

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
    public func generate(
        prompt: Prompt, rule: SamplingRule, maxTokens: Int, seed: UInt64, numerics: Numerics = .exact, topLogprobs: Int = 0
    ) -> Generation {
        let document = self.document(for: prompt)
        var sampler = SplitMix64(seed: seed)
        var noise = SplitMix64Stream(seed: seed ^ 0x6E6F_6973_6500)
        var z = Self.bos
        var a = Self.bos
        var b = Self.bos
        var pointer: Int? = 0
        var tokens: [GeneratedToken] = []
        var finishReason = "length"
        while tokens.count < maxTokens {
            var distribution = distribution(after: z, a, b, document: document, pointer: pointer)
            numerics.perturb(&distribution.logprobs, using: &noise)
            guard let chosen = rule.sample(from: distribution, uniform: sampler.nextUniform()) else { break }
            if Int32(chosen) == Self.eos {
                finishReason = "stop"
                break
            }
            let top = topLogprobs > 0 ? distribution.top(topLogprobs).map { (vocabulary[$0.token], $0.logprob) } : []
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
