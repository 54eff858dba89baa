import Foundation

/// Multi-word expressions of one language, as its dictionary lists them (English: WordNet's
/// `joie de vivre`, `modus operandi`, `coup d'etat`): the words of such an expression in a text
/// belong to that language, however foreign each looks alone.
///
/// Expressions are compared folded: lowercased, without diacritics, with typographic apostrophes as
/// `'` (WordNet writes `raison d'etre` for *raison d'être*). They are kept as 64-bit hashes: each
/// folded word's FNV-1a, combined in order (``combine(_:_:)``), so that a dictionary of 100,000
/// expressions loads without a string per word and a line's words are hashed once each, at the
/// cost of a collision once in about 10⁹ look-ups.
public struct Collocations: Sendable {
    /// The hashes of the folded expressions (``expression``), of their tails (``tail``: the last
    /// two words or more of each expression of three or more, *du jour* of *soup du jour*: a phrase
    /// English borrowed keeps its tail and takes heads of its own, *carte du jour*, *soupe du
    /// jour*) and of every proper prefix of either (``prefix``: a search from a word goes on only
    /// while the words so far begin one).
    var keys = HashFlagTable()
    private static let expression: UInt8 = 1
    private static let tail: UInt8 = 2
    private static let prefix: UInt8 = 4
    /// The number of expressions.
    public internal(set) var count = 0
    /// Words in the longest expression.
    public internal(set) var longest = 0

    public init() {}

    /// Adds an expression of two words or more (fewer are ignored).
    public mutating func insert<S: Sequence>(words: S) where S.Element: StringProtocol {
        add(words.map(Self.wordHash))
    }

    /// Adds an expression given as UTF-8 bytes whose words are separated by any byte `isSeparator`
    /// accepts (`joie_de_vivre`, `et cetera`): what dictionary files hold, read without a string
    /// per word when the bytes are ASCII.
    public mutating func insert(utf8 bytes: ArraySlice<UInt8>, separatedBy isSeparator: (UInt8) -> Bool) {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            insert(words: String(decoding: bytes, as: UTF8.self).utf8.split(whereSeparator: isSeparator).map { String(decoding: $0, as: UTF8.self) })
            return
        }
        add(bytes.split(whereSeparator: isSeparator).map { $0.reduce(Self.offset, Self.mixFolded) })
    }

    /// Adds the expression of these words (their hashes) and each of its tails (its last two words
    /// or more), with the prefixes of both.
    private mutating func add(_ words: [UInt64]) {
        guard words.count >= 2 else { return }
        for start in 0..<(words.count - 1) {
            var key = words[start]
            for index in (start + 1)..<words.count {
                keys.insert(key, flags: Self.prefix)
                key = Self.combine(key, words[index])
            }
            if start > 0 {
                keys.insert(key, flags: Self.tail)
            } else if keys.insert(key, flags: Self.expression) & Self.expression == 0 {
                count += 1
            }
        }
        longest = max(longest, words.count)
    }

    /// Whether these words, in order, are an expression.
    public func contains<S: Sequence>(words: S) -> Bool where S.Element: StringProtocol {
        let hashes = words.map(Self.wordHash)
        guard let first = hashes.first else { return false }
        return keys.flags(of: hashes.dropFirst().reduce(first, Self.combine)) & Self.expression != 0
    }

    /// Which of a line's words are part of an expression, or of an expression's tail that
    /// `acceptsTail` accepts (given the tail's word indices).
    public func covered(_ words: [Substring], acceptsTail: (ClosedRange<Int>) -> Bool = { _ in true }) -> [Bool] {
        covered(hashes: words.map(Self.wordHash), acceptsTail: acceptsTail)
    }

    /// ``covered(_:acceptsTail:)`` for words given by their ``wordHash(_:)``: a line's words are
    /// folded and hashed once, however many expressions they may begin or go on with.
    public func covered(hashes words: [UInt64], acceptsTail: (ClosedRange<Int>) -> Bool = { _ in true }) -> [Bool] {
        var covered = [Bool](repeating: false, count: words.count)
        guard longest >= 2, words.count >= 2 else { return covered }
        for start in words.indices {
            // The longest expression from this word, grown one word at a time while a prefix.
            var key = words[start]
            var flags = keys.flags(of: key)
            var end = start
            var matched: Int?
            while end + 1 < words.count, flags & Self.prefix != 0 {
                end += 1
                key = Self.combine(key, words[end])
                flags = keys.flags(of: key)
                if flags & Self.expression != 0 || (flags & Self.tail != 0 && acceptsTail(start...end)) { matched = end }
            }
            if let matched {
                for index in start...matched { covered[index] = true }
            }
        }
        return covered
    }

    /// A word's hash: FNV-1a over its folded UTF-8 (``fold(_:)``; ASCII folded in place).
    public static func wordHash<S: StringProtocol>(_ word: S) -> UInt64 {
        var hash = offset
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in word.utf8 { hash = mixFolded(hash, byte) }
        } else {
            for byte in fold(word).utf8 { hash = mix(hash, byte) }
        }
        return hash
    }

    /// The hash of words so far (`key`) continued with the next word's ``wordHash(_:)``: order
    /// matters (*vivre de joie* is not *joie de vivre*), and the bits of both are mixed through
    /// (SplitMix64's finaliser).
    @inline(__always)
    static func combine(_ key: UInt64, _ word: UInt64) -> UInt64 {
        var x = (key &+ 0x9E37_79B9_7F4A_7C15) ^ (word &* 0xFF51_AFD7_ED55_8CCD)
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// A word lowercased, without combining marks, `’` as `'`.
    public static func fold<S: StringProtocol>(_ word: S) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return String(String.UnicodeScalarView(withoutMarks(word.lowercased()).map { $0 == "\u{2019}" ? "'" : $0 }))
    }

    /// A word's scalars without its combining marks, decomposed (*résumé* as *resume*), its case kept.
    public static func withoutMarks<S: StringProtocol>(_ word: S) -> String.UnicodeScalarView {
        String.UnicodeScalarView(word.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark })
    }

    // FNV-1a, 64 bits.
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// `hash` continued with an ASCII byte, lowercased.
    @inline(__always)
    static func mixFolded(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        mix(hash, byte &+ (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
    }
}
