/// Checks the syntax of code in one language.
///
/// Implementations that run external toolchains live
/// outside the core; they must never report `valid` for code they could not check.
public protocol SyntaxChecker: Sendable {
    /// The language checked.
    var language: CodeLanguage { get }

    /// Checks snippets, returning one verdict per snippet, in order. Batching lets a checker
    /// amortize a toolchain's start-up over many snippets.
    func check(_ snippets: [String]) async -> [SyntaxVerdict]
}

/// The checkers available, by language.
public struct SyntaxCheckers: Sendable {
    private var checkers: [CodeLanguage: any SyntaxChecker]

    /// Creates a set from checkers; a later one replaces an earlier one of the same language.
    public init(_ checkers: [any SyntaxChecker]) {
        self.checkers = Dictionary(checkers.map { ($0.language, $0) }, uniquingKeysWith: { $1 })
    }

    /// The checker of a language, if any.
    public subscript(language: CodeLanguage) -> (any SyntaxChecker)? { checkers[language] }

    /// Checks one snippet; a language without a checker is `unavailable`.
    public func check(_ code: String, as language: CodeLanguage) async -> SyntaxVerdict {
        guard let checker = checkers[language] else { return .unavailable("no \(language.rawValue) checker is installed") }
        return await checker.check([code]).first ?? .unavailable("the \(language.rawValue) checker returned no verdict")
    }
}
