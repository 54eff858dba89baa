/// The `code-syntax` scorer: finds the code in an answer and asks each language's parser whether
/// it parses.
///
/// Verdicts: `passed`; `syntax-error` (failed, with the first error); `truncated` (the answer was
/// cut by the token limit and its last block does not parse: not judged); `unavailable` (a
/// toolchain is missing or could not answer: not judged, never a pass); `no-code`.
public struct CodeSyntaxScorer: SampleScorer {
    public let name = CodeSyntaxScorer.metric
    /// The metric (score name) this scorer writes.
    public static let metric = "code-syntax"
    let checkers: SyntaxCheckers
    let onlyCasesExpectingCode: Bool

    /// Creates the scorer.
    ///
    /// - Parameters:
    ///   - checkers: The parsers, by language.
    ///   - onlyCasesExpectingCode: Score only cases with `expect.code_language` (the sweep), or
    ///     every answer, inferring the language (offline scoring).
    public init(checkers: SyntaxCheckers, onlyCasesExpectingCode: Bool = true) {
        self.checkers = checkers
        self.onlyCasesExpectingCode = onlyCasesExpectingCode
    }

    public func score(_ completion: Completion, for evalCase: EvalCase) async -> Score? {
        let expected = evalCase.expect.codeLanguage.flatMap(CodeLanguage.init(name:))
        if onlyCasesExpectingCode, evalCase.expect.codeLanguage == nil { return nil }
        let blocks = CodeExtractor.blocks(in: completion.text, expected: expected).filter { $0.language != nil }
        let cutByLimit = completion.finishReason == "length"
        guard !blocks.isEmpty else {
            return Self.score(verdict: "no-code", passed: nil, value: 0, language: expected, blocks: 0, truncated: cutByLimit)
        }
        var unavailable: (CodeBlock, String)?
        for (index, block) in blocks.enumerated() {
            guard let language = block.language else { continue }
            switch await checkers.check(block.code, as: language) {
            case .valid:
                continue
            case .unavailable(let reason):
                if unavailable == nil { unavailable = (block, reason) }
            case .invalid(let error):
                // Cut by the token limit, the last block cannot be expected to parse.
                if cutByLimit, index == blocks.count - 1 {
                    return Self.score(
                        verdict: "truncated", passed: nil, value: 0, language: language, blocks: blocks.count, truncated: true,
                        error: (index, block, error))
                }
                return Self.score(
                    verdict: "syntax-error", passed: false, value: 1, language: language, blocks: blocks.count, truncated: cutByLimit,
                    error: (index, block, error))
            }
        }
        if let (block, reason) = unavailable {
            return Self.score(
                verdict: "unavailable", passed: nil, value: 0, language: block.language, blocks: blocks.count, truncated: cutByLimit, reason: reason
            )
        }
        return Self.score(verdict: "passed", passed: true, value: 0, language: blocks[0].language, blocks: blocks.count, truncated: cutByLimit)
    }

    static func score(
        verdict: String, passed: Bool?, value: Double, language: CodeLanguage?, blocks: Int, truncated: Bool,
        error: (index: Int, block: CodeBlock, error: SyntaxError)? = nil, reason: String? = nil
    ) -> Score {
        var details = "{\"verdict\":\(JSONText.quote(verdict)),\"language\":\(language.map { JSONText.quote($0.rawValue) } ?? "null")"
        details += ",\"blocks\":\(blocks),\"truncated\":\(truncated)"
        if let (index, block, error) = error {
            let answerLine = error.line.map { String($0 + block.firstLine - 1) } ?? "null"
            details +=
                ",\"error\":{\"block\":\(index + 1),\"line\":\(error.line.map(String.init) ?? "null"),\"column\":\(error.column.map(String.init) ?? "null")"
            details += ",\"answer_line\":\(answerLine),\"message\":\(JSONText.quote(error.message))}"
        }
        if let reason { details += ",\"reason\":\(JSONText.quote(reason))" }
        return Score(scorer: Self.metric, value: value, passed: passed, details: details + "}")
    }
}
