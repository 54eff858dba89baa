import EvalCore

/// One token of a text with its log-probability under the model, given the text before it.
public struct ScoredToken: Sendable, Equatable {
    /// The token's text.
    public var text: String
    /// Offset of the token's first character in the scored text.
    public var offset: Int
    /// Log-probability of the token (`nil` for the first token, which has no context).
    public var logprob: Double?
    /// The most likely tokens at this position, most likely first.
    public var top: [(text: String, logprob: Double)]

    public static func == (lhs: ScoredToken, rhs: ScoredToken) -> Bool {
        lhs.text == rhs.text && lhs.offset == rhs.offset && lhs.logprob == rhs.logprob && lhs.top.map(\.text) == rhs.top.map(\.text)
    }
}

extension FleetLanguageModel {
    /// Log-probability of a token outside the model's support (unknown text, a token the
    /// distribution gives no mass): a floor, so teacher forcing never returns −∞.
    static let floorLogprob = -30.0

    /// Teacher forcing: the model's log-probability of each token of a text, as if it had
    /// generated it, answering from the document its first paragraph (the question) retrieves.
    /// The answer starts after that paragraph, from a fresh context, as in generation.
    ///
    /// - Parameters:
    ///   - text: The text to score (a prompt, or a prompt followed by an answer).
    ///   - numerics: The platform's arithmetic.
    ///   - topLogprobs: Alternatives to report per token.
    public func score(text: String, numerics: Numerics = .exact, topLogprobs: Int = 0) -> [ScoredToken] {
        let question = text.components(separatedBy: "\n\n").first ?? text
        let document = retrieval.best(for: question)
        let tokens = FleetTokenizer.tokenize(text)
        var noise = SplitMix64Stream(seed: StableHash.value(of: text))
        var z = Self.bos
        var a = Self.bos
        var b = Self.bos
        var pointer: Int? = 0
        var offset = 0
        // The first blank line ends the question; the answer's context starts afresh after it.
        let answerStart = tokens.firstIndex { $0.hasPrefix("\n\n") }.map { $0 + 1 }
        var result: [ScoredToken] = []
        result.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            if index == answerStart {
                (z, a, b, pointer) = (Self.bos, Self.bos, Self.bos, 0)
            }
            var distribution = distribution(after: z, a, b, document: document, pointer: pointer)
            numerics.perturb(&distribution.logprobs, using: &noise)
            let id = self.id(of: token)
            let logprob = id.map { distribution.logprob(of: Int($0)) }.map { $0.isFinite ? $0 : Self.floorLogprob } ?? Self.floorLogprob
            let top = topLogprobs > 0 ? distribution.top(topLogprobs).map { (vocabulary[$0.token], $0.logprob) } : []
            result.append(ScoredToken(text: token, offset: offset, logprob: index == 0 ? nil : logprob, top: top))
            offset += token.count
            z = a
            a = b
            b = id ?? Self.eos
            pointer = id.flatMap { advance(pointer: pointer, token: $0, context: (z, a, b), document: document) }
        }
        return result
    }
}
