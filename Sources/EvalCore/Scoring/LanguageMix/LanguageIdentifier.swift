/// Identifies the language of a short stretch of text: a multilingual identifier (CLD2 in the
/// `EvalLanguageID` target) behind a protocol, so the language-mix rules stay in the core.
public protocol LanguageIdentifier: Sendable {
    /// The most likely language of a text, or `nil` when the identifier has no answer.
    func identify(_ text: Substring) -> LanguageGuess?
    /// What the identifier is, for score details (`cld2 V2.0 - 20141016`).
    var name: String { get }
    /// Whether the identifier can name this language (a primary subtag): a language it was not
    /// trained on comes out as a neighbour (Asturian as Spanish), so its own text cannot be told
    /// from an intrusion of that neighbour.
    func recognizes(_ code: String) -> Bool
    /// The probability the identifier gives any of these languages (primary subtags) for a text, in [0, 1].
    func probability(of codes: Set<String>, in text: Substring) -> Double
}

/// One identification.
public struct LanguageGuess: Sendable, Equatable {
    /// The language's code as the identifier names it (`en`, `id`, `zh-Hant`); `un` for none.
    public var code: String
    /// Percentage of the text the identifier scored in that language.
    public var percent: Int
    /// Whether the identifier judged its answer reliable.
    public var reliable: Bool

    public init(code: String, percent: Int, reliable: Bool) {
        self.code = code
        self.percent = percent
        self.reliable = reliable
    }

    /// The primary subtag, lowercased (`zh-Hant` → `zh`).
    public var primary: String {
        String(code.split(separator: "-").first ?? Substring(code)).lowercased()
    }
}
