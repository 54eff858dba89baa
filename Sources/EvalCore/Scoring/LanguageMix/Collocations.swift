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
    /// The first words of the expressions: a line is only searched from these.
    private var firstWords: Set<String> = []

    public init() {}

    /// The number of expressions.
    public var count: Int { expressions.count }

    /// Adds an expression of two words or more (fewer are ignored).
    public mutating func insert<S: Sequence>(words: S) where S.Element: StringProtocol {
        let folded = words.map { Self.fold($0) }
        guard folded.count >= 2 else { return }
        expressions.insert(folded.joined(separator: " "))
        firstWords.insert(folded[0])
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
        for start in folded.indices where firstWords.contains(folded[start]) {
            for length in stride(from: min(longest, folded.count - start), through: 2, by: -1)
            where expressions.contains(folded[start..<start + length].joined(separator: " ")) {
                for index in start..<start + length { covered[index] = true }
                break
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
