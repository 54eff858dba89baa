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
    /// generated it.
    ///
    /// Offsets count Unicode scalars.
    ///
    /// A drift-replay transcript (a prompt, then `\n\nassistant: `, then an answer) is scored the way
    /// the answer was generated: from the document the prompt retrieves, with a fresh context
    /// where the answer starts. The prompt's own tokens get their unigram log-probability in the
    /// answer's language (the model does not read prompts token by token, and a 30k-token prompt
    /// should not cost 30k distributions). Any other text is read as a question, a blank line,
    /// and an answer.
    /// - Parameters:
    ///   - text: The text to score.
    ///   - numerics: The platform's arithmetic.
    ///   - topLogprobs: Alternatives to report per token of the answer.
    public func score(text: String, numerics: Numerics = .exact, topLogprobs: Int = 0) -> [ScoredToken] {
        if let turn = text.range(of: Prompt.assistantTurn, options: .backwards) {
            return score(
                answer: String(text[turn.upperBound...]), promptText: String(text[..<turn.upperBound]),
                prompt: Transcript.prompt(from: String(text[..<turn.lowerBound])), numerics: numerics, topLogprobs: topLogprobs
            )
        }
        let question = text.components(separatedBy: "\n\n").first ?? text
        let document = retrieval.best(for: question)
        let tokens = FleetTokenizer.tokenize(text)
        // The first blank line ends the question; the answer's context starts afresh after it.
        let answerStart = tokens.firstIndex { $0.hasPrefix("\n\n") }.map { $0 + 1 } ?? tokens.count
        var result = cheaplyScored(Array(tokens[..<answerStart]), group: documents[document].group)
        let offset = result.last.map { $0.offset + $0.text.unicodeScalars.count } ?? 0
        result += forced(
            Array(tokens[answerStart...]), from: offset, document: document, seed: StableHash.value(of: text), numerics: numerics,
            topLogprobs: topLogprobs)
        return result
    }

    func score(answer: String, promptText: String, prompt: @autoclosure () -> Prompt, numerics: Numerics, topLogprobs: Int) -> [ScoredToken] {
        // Every platform's samples of a case share the prompt: read it once.
        let reading = promptReadings.value(for: promptText) { () -> PromptReading in
            let document = self.document(for: prompt())
            return PromptReading(tokens: cheaplyScored(FleetTokenizer.tokenize(promptText), group: documents[document].group), document: document)
        }
        let document = reading.document
        var result = reading.tokens
        result += forced(
            FleetTokenizer.tokenize(answer), from: promptText.unicodeScalars.count, document: document,
            seed: StableHash.value(of: promptText + answer), numerics: numerics, topLogprobs: topLogprobs
        )
        if !result.isEmpty { result[0].logprob = nil }
        return result
    }

    /// Prompt tokens with their unigram log-probabilities in a language group.
    func cheaplyScored(_ tokens: [String], group: String) -> [ScoredToken] {
        let unigrams = groupUnigramLogprobs[group] ?? [:]
        var offset = 0
        return tokens.enumerated().map { index, token in
            defer { offset += token.unicodeScalars.count }
            let logprob = id(of: token).flatMap { unigrams[$0] } ?? Self.floorLogprob
            return ScoredToken(text: token, offset: offset, logprob: index == 0 ? nil : logprob, top: [])
        }
    }

    /// Answer tokens scored as generation would have produced them: fresh context, pointer at the
    /// document's start.
    func forced(_ tokens: [String], from start: Int, document: Int, seed: UInt64, numerics: Numerics, topLogprobs: Int) -> [ScoredToken] {
        var noise = SplitMix64Stream(seed: seed)
        var z = Self.bos
        var a = Self.bos
        var b = Self.bos
        var pointer: Int? = 0
        var offset = start
        var result: [ScoredToken] = []
        result.reserveCapacity(tokens.count)
        for token in tokens {
            var distribution = distribution(after: z, a, b, document: document, pointer: pointer)
            numerics.perturb(&distribution.logprobs, using: &noise)
            let id = self.id(of: token)
            let logprob = id.map { distribution.logprob(of: Int($0)) }.map { $0.isFinite ? $0 : Self.floorLogprob } ?? Self.floorLogprob
            let top = topLogprobs > 0 ? distribution.top(topLogprobs).map { (text: vocabulary[$0.token], logprob: $0.logprob) } : []
            result.append(ScoredToken(text: token, offset: offset, logprob: logprob, top: top))
            offset += token.unicodeScalars.count
            z = a
            a = b
            b = id ?? Self.eos
            pointer = id.flatMap { advance(pointer: pointer, token: $0, context: (z, a, b), document: document) }
        }
        return result
    }
}

/// A prompt as teacher forcing reads it: its tokens, and the document it retrieves.
struct PromptReading: Sendable {
    var tokens: [ScoredToken]
    var document: Int
}
