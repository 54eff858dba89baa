/// What a language's text may contain: the scripts it is written in, and for languages written
/// in Latin script, which lexicon identifies its words.
public struct LanguageProfile: Sendable, Equatable {
    /// The primary language subtag, such as `en` or `ja`.
    public var code: String
    /// Scripts the language is written in.
    ///
    /// Latin is allowed in every language (technical
    /// words, names, URLs), and isolated Greek letters in every language (mathematics).
    public var scripts: Set<Script>

    /// The allowed scripts as a bitmask of ``Script`` raw values (`common` included).
    public let allowedMask: UInt64
    /// Whether the language is written in Latin script, so that same-script intrusions apply.
    public let isLatinScript: Bool

    init(code: String, scripts: Set<Script>) {
        self.code = code
        self.scripts = scripts.union([.latin])
        var mask: UInt64 = 1 << UInt64(Script.common.rawValue)
        for script in self.scripts { mask |= 1 << UInt64(script.rawValue) }
        allowedMask = mask
        isLatinScript = self.scripts == [.latin]
    }

    /// The profile of a language tag (`pt-BR` → `pt`), or `nil` for a language evalctl does not know.
    public static func named(_ tag: String) -> LanguageProfile? {
        if let profile = profiles[tag] { return profile }
        let code = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return profiles[code]
    }

    private static let profiles: [String: LanguageProfile] = table.reduce(into: [:]) { result, entry in
        result[entry.key] = LanguageProfile(code: entry.key, scripts: entry.value)
    }

    /// Every language evalctl knows, by primary subtag.
    public static var knownCodes: [String] { table.keys.sorted() }

    private static let latinLanguages = [
        "en", "es", "de", "fr", "it", "pt", "nl", "pl", "sv", "da", "nb", "nn", "no", "fi", "cs", "sk", "hu", "ro",
        "tr", "vi", "id", "ms", "ca", "hr", "sl", "et", "lv", "lt", "sq", "eu", "gl", "ga", "cy", "is", "af", "sw",
        "tl", "fil", "eo", "la", "mt", "lb", "fo", "ast", "oc", "br", "gd", "ha", "yo", "zu", "xh", "uz", "az",
        "tk", "so", "mi", "haw", "sm", "to", "fy", "rm", "wa", "ia", "ie",
    ]

    private static let table: [String: Set<Script>] = {
        var table: [String: Set<Script>] = [:]
        for code in latinLanguages { table[code] = [.latin] }
        for code in ["ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv", "ce", "os"] { table[code] = [.cyrillic] }
        table["sr"] = [.cyrillic, .latin]
        table["bs"] = [.cyrillic, .latin]
        table["el"] = [.greek]
        table["ja"] = [.han, .hiragana, .katakana]
        table["zh"] = [.han, .bopomofo]
        table["yue"] = [.han]
        table["ko"] = [.hangul, .han]
        table["th"] = [.thai]
        table["lo"] = [.lao]
        table["km"] = [.khmer]
        table["my"] = [.myanmar]
        table["bo"] = [.tibetan]
        table["dz"] = [.tibetan]
        for code in ["ar", "fa", "ur", "ps", "ckb", "sd", "ug"] { table[code] = [.arabic] }
        for code in ["he", "yi"] { table[code] = [.hebrew] }
        for code in ["hi", "mr", "ne", "sa", "kok", "mai"] { table[code] = [.devanagari] }
        for code in ["bn", "as"] { table[code] = [.bengali] }
        table["pa"] = [.gurmukhi]
        table["gu"] = [.gujarati]
        table["or"] = [.oriya]
        table["ta"] = [.tamil]
        table["te"] = [.telugu]
        table["kn"] = [.kannada]
        table["ml"] = [.malayalam]
        table["si"] = [.sinhala]
        table["ka"] = [.georgian]
        table["hy"] = [.armenian]
        for code in ["am", "ti"] { table[code] = [.ethiopic] }
        table["chr"] = [.cherokee]
        table["dv"] = [.thaana]
        table["syr"] = [.syriac]
        return table
    }()
}
