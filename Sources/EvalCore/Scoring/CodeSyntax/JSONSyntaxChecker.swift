/// JSON syntax by a strict RFC 8259 parser: no comments, trailing commas, single quotes, `NaN` or
/// `Infinity`; exactly one value per document.
public struct JSONSyntaxChecker: SyntaxChecker {
    public let language = CodeLanguage.json

    public init() {}

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        snippets.map(Self.verdict)
    }

    /// The verdict on one document.
    public static func verdict(_ code: String) -> SyntaxVerdict {
        switch JSONParser.parse(code, maxDepth: 900) {
        case .success: .valid
        case .failure(let failure): .invalid(SyntaxError(line: failure.line, column: failure.column, message: failure.message))
        }
    }
}
