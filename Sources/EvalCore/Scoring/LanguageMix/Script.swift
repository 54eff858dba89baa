/// A writing system, as far as language-mixing detection needs to tell them apart.
///
/// `common` covers characters that belong to no language: digits, punctuation, symbols,
/// emoji, combining marks and the like.
public enum Script: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case common = 0
    case latin, greek, cyrillic, armenian, hebrew, arabic, syriac, thaana
    case devanagari, bengali, gurmukhi, gujarati, oriya, tamil, telugu, kannada, malayalam, sinhala
    case thai, lao, tibetan, myanmar, georgian, hangul, ethiopic, cherokee, khmer, mongolian
    case hiragana, katakana, bopomofo, han

    public var description: String { name }

    static let names = [
        "common", "latin", "greek", "cyrillic", "armenian", "hebrew", "arabic", "syriac", "thaana",
        "devanagari", "bengali", "gurmukhi", "gujarati", "oriya", "tamil", "telugu", "kannada", "malayalam", "sinhala",
        "thai", "lao", "tibetan", "myanmar", "georgian", "hangul", "ethiopic", "cherokee", "khmer", "mongolian",
        "hiragana", "katakana", "bopomofo", "han",
    ]

    /// The script's lowercase name, as reported in spans.
    public var name: String { Self.names[Int(rawValue)] }
}
