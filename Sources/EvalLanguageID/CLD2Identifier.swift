import CLanguageID
import EvalCore

/// CLD2 (Debian's `libcld2`): n-gram language identification of 80+ languages, trained by Google
/// on web text.
///
/// Thread-safe and stateless, so one value serves every scorer.
public struct CLD2Identifier: LanguageIdentifier {
    /// Whether English is named only with evidence.
    ///
    /// CLD2's best effort (which gives short text a guess rather than `un`) names English whenever
    /// it scored nothing at all: gibberish ("xqzv wpt kjh"), or a phrase of a language its tables
    /// lack (Esperanto, Walloon), so its English is no evidence of English. With this set, text
    /// CLD2 cannot identify without best effort and whose best-effort guess is English is `un`;
    /// a confirmer is built this way. Without it (CLD2 as the only identifier), the guess stands.
    public var englishNeedsEvidence: Bool

    public init(englishNeedsEvidence: Bool = false) {
        self.englishNeedsEvidence = englishNeedsEvidence
    }

    public var name: String { "cld2 " + String(cString: evalctl_cld2_version()) }

    /// The languages of CLD2's compact tables (libcld2, not libcld2_full), as its documentation
    /// lists them, by the codes CLD2 reports (Hebrew `iw`, Javanese `jw`, Norwegian `no`), plus the
    /// usual codes of the same languages.
    static let recognized: Set<String> = [
        "af", "sq", "ar", "hy", "az", "eu", "be", "bn", "bh", "bg", "ca", "ceb", "chr", "hr", "cs", "zh", "da", "dv", "nl", "en", "et",
        "fi", "fr", "gl", "lg", "ka", "de", "el", "gu", "ht", "iw", "he", "hi", "hmn", "hu", "is", "id", "iu", "ga", "it", "jw", "jv",
        "ja", "kn", "km", "rw", "ko", "lo", "lv", "lif", "lt", "mk", "ms", "ml", "mt", "mr", "ne", "no", "nb", "nn", "or", "fa", "pl",
        "pt", "pa", "ro", "ru", "gd", "sr", "si", "sk", "sl", "es", "sw", "sv", "syr", "tl", "fil", "ta", "te", "th", "tr", "uk", "ur",
        "vi", "cy", "yi",
    ]

    public func recognizes(_ code: String) -> Bool { Self.recognized.contains(code) }

    /// CLD2 reports a percentage of the text per language, not a probability: its top language's share.
    public func probability(of codes: Set<String>, in text: Substring) -> Double {
        guard let guess = identify(text), codes.contains(guess.primary) || (codes.contains("nb") && guess.primary == "no") else { return 0 }
        return Double(guess.percent) / 100
    }

    public func identify(_ text: Substring) -> LanguageGuess? {
        var copy = String(text)
        guard englishNeedsEvidence else { return Self.identify(&copy, bestEffort: true) }
        guard let strict = Self.identify(&copy, bestEffort: false) else { return nil }
        guard strict.code == "un", let guess = Self.identify(&copy, bestEffort: true) else { return strict }
        return englishNeedsEvidence && guess.primary == "en" ? strict : guess
    }

    /// One call to CLD2: `nil` when the text is not valid UTF-8.
    static func identify(_ text: inout String, bestEffort: Bool) -> LanguageGuess? {
        var guess = evalctl_cld2_guess()
        let valid = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { evalctl_cld2_identify($0.baseAddress, Int32($0.count), bestEffort ? 1 : 0, &guess) }
        }
        guard valid == 1 else { return nil }
        let code = withUnsafeBytes(of: guess.code) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        return LanguageGuess(code: code, percent: Int(guess.percent), reliable: guess.reliable != 0)
    }
}
