import Foundation

/// Multi-word expressions of one language, as its dictionary lists them (English: WordNet's
/// `joie de vivre`, `modus operandi`, `coup d'etat`): the words of such an expression in a text
/// belong to that language, however foreign each looks alone.
///
/// Expressions are compared folded: lowercased, without diacritics, with typographic apostrophes as
/// `'` (WordNet writes `raison d'etre` for *raison d'être*).
public struct Collocations: Sendable {
    /// Folded expressions, words joined by one space.
    private var expressions: Set<String> = []
    /// Words in the longest expression.
    public private(set) var longest = 0
    /// Every proper prefix of an expression (its first words, joined the same way): a search from
    /// a word goes on only while the words so far begin some expression.
    private var prefixes: Set<String> = []

    public init() {}

    /// The number of expressions.
    public var count: Int { expressions.count }

    /// Adds an expression of two words or more (fewer are ignored).
    public mutating func insert<S: Sequence>(words: S) where S.Element: StringProtocol {
        let folded = words.map { Self.fold($0) }
        guard folded.count >= 2 else { return }
        var prefix = folded[0]
        for word in folded.dropFirst() {
            prefixes.insert(prefix)
            prefix += " " + word
        }
        expressions.insert(prefix)
        longest = max(longest, folded.count)
    }

    /// Whether these words, in order, are an expression.
    public func contains<S: Sequence>(words: S) -> Bool where S.Element: StringProtocol {
        expressions.contains(words.map { Self.fold($0) }.joined(separator: " "))
    }

    /// Which of a line's words are part of an expression.
    public func covered(_ words: [Substring]) -> [Bool] {
        var covered = [Bool](repeating: false, count: words.count)
        guard longest >= 2, words.count >= 2 else { return covered }
        let folded = words.map { Self.fold($0) }
        for start in folded.indices {
            // The longest expression from this word, grown one word at a time while a prefix.
            var key = folded[start]
            var end = start
            var matched: Int?
            while prefixes.contains(key), end + 1 < folded.count {
                end += 1
                key += " " + folded[end]
                if expressions.contains(key) { matched = end }
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
}
