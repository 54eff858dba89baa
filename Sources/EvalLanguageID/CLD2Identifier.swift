import CLanguageID
import EvalCore

/// CLD2 (Debian's `libcld2`): n-gram language identification of 80+ languages, trained by Google
/// on web text.
///
/// Thread-safe and stateless, so one value serves every scorer.
public struct CLD2Identifier: LanguageIdentifier {
    public init() {}

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
        var guess = evalctl_cld2_guess()
        var copy = String(text)
        let valid = copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { evalctl_cld2_identify($0.baseAddress, Int32($0.count), &guess) }
        }
        guard valid == 1 else { return nil }
        let code = withUnsafeBytes(of: guess.code) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        return LanguageGuess(code: code, percent: Int(guess.percent), reliable: guess.reliable != 0)
    }
}
