import Foundation

/// Multi-word expressions of one language, as its dictionary lists them (English: WordNet's
/// `joie de vivre`, `modus operandi`, `coup d'etat`): the words of such an expression in a text
/// belong to that language, however foreign each looks alone.
///
/// Expressions are compared folded: lowercased, without diacritics, with typographic apostrophes as
/// `'` (WordNet writes `raison d'etre` for *raison d'être*). They are kept as 64-bit hashes of
/// their folded words (FNV-1a over the words' UTF-8, a space between): a dictionary of 100,000
/// expressions loads without a string per word, at the cost of a collision once in about 10⁹
/// look-ups of a line's words.
public struct Collocations: Sendable {
    /// Hashes of the folded expressions.
    private var expressions: Set<UInt64> = []
    /// Words in the longest expression.
    public private(set) var longest = 0
    /// Hashes of the last two words or more of each expression of three or more (*du jour* of *soup
    /// du jour*): a phrase English borrowed keeps its tail and takes heads of its own (*carte du jour*,
    /// *soupe du jour*).
    private var tails: Set<UInt64> = []
    /// Hashes of every proper prefix of an expression or a tail (its first words): a search from a
    /// word goes on only while the words so far begin one.
    private var prefixes: Set<UInt64> = []

    public init() {}

    /// The number of expressions.
    public var count: Int { expressions.count }

    /// Adds an expression of two words or more (fewer are ignored).
    public mutating func insert<S: Sequence>(words: S) where S.Element: StringProtocol {
        let words = Array(words)
        add(wordCount: words.count) { index, hash in Self.append(words[index], to: hash) }
    }

    /// Adds an expression given as UTF-8 bytes whose words are separated by any byte `isSeparator`
    /// accepts (`joie_de_vivre`, `et cetera`): what dictionary files hold, read without a string
    /// per word when the bytes are ASCII.
    public mutating func insert(utf8 bytes: ArraySlice<UInt8>, separatedBy isSeparator: (UInt8) -> Bool) {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            insert(words: String(decoding: bytes, as: UTF8.self).utf8.split(whereSeparator: isSeparator).map { String(decoding: $0, as: UTF8.self) })
            return
        }
        let words = bytes.split(whereSeparator: isSeparator)
        add(wordCount: words.count) { index, hash in words[index].reduce(hash, Self.mixFolded) }
    }

    /// Adds the expression of `count` words and each of its tails (its last two words or more),
    /// with the prefixes of both; `append(index, hash)` continues a hash with word `index`.
    private mutating func add(wordCount count: Int, append: (Int, UInt64) -> UInt64) {
        guard count >= 2 else { return }
        for start in 0..<(count - 1) {
            var hash = Self.offset
            for index in start..<count {
                if index > start {
                    prefixes.insert(hash)
                    hash = Self.mix(hash, 0x20)
                }
                hash = append(index, hash)
            }
            if start == 0 { expressions.insert(hash) } else { tails.insert(hash) }
        }
        longest = max(longest, count)
    }

    /// Whether these words, in order, are an expression.
    public func contains<S: Sequence>(words: S) -> Bool where S.Element: StringProtocol {
        var hash = Self.offset
        for (index, word) in words.enumerated() {
            if index > 0 { hash = Self.mix(hash, 0x20) }
            hash = Self.append(word, to: hash)
        }
        return expressions.contains(hash)
    }

    /// Which of a line's words are part of an expression, or of an expression's tail that
    /// `acceptsTail` accepts (given the tail's word indices).
    public func covered(_ words: [Substring], acceptsTail: (ClosedRange<Int>) -> Bool = { _ in true }) -> [Bool] {
        var covered = [Bool](repeating: false, count: words.count)
        guard longest >= 2, words.count >= 2 else { return covered }
        for start in words.indices {
            // The longest expression from this word, grown one word at a time while a prefix.
            var key = Self.append(words[start], to: Self.offset)
            var end = start
            var matched: Int?
            while prefixes.contains(key), end + 1 < words.count {
                end += 1
                key = Self.append(words[end], to: Self.mix(key, 0x20))
                if expressions.contains(key) || (tails.contains(key) && acceptsTail(start...end)) { matched = end }
            }
            if let matched {
                for index in start...matched { covered[index] = true }
            }
        }
        return covered
    }

    /// A word lowercased, without combining marks, `’` as `'`.
    public static func fold<S: StringProtocol>(_ word: S) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        var folded = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            folded.append(scalar == "\u{2019}" ? "'" : scalar)
        }
        return String(folded)
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

    /// `hash` continued with a word's folded bytes (ASCII folded in place, the rest through ``fold(_:)``).
    static func append<S: StringProtocol>(_ word: S, to hash: UInt64) -> UInt64 {
        var hash = hash
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in word.utf8 { hash = mixFolded(hash, byte) }
        } else {
            for byte in fold(word).utf8 { hash = mix(hash, byte) }
        }
        return hash
    }
}
