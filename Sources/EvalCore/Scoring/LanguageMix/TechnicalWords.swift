/// Words of English technical prose that no dictionary has and other languages may use for
/// something else (*git*, Turkish for *go*; *stdin*, *submodule*, *config*, *tty*), as software's
/// own English writes them: in English, such a word is English's, not a sign of another language.
///
/// evalctl reads them from the comments and docstrings of CPython's standard library (see
/// `TechnicalWordsLoader`). Words are kept as hashes, lowercased, as ``WordFrequencies`` keeps its.
public struct TechnicalWords: Sendable {
    var hashes: Set<UInt64> = []

    public init() {}

    /// The words given.
    public init<S: Sequence>(_ words: S) where S.Element: StringProtocol {
        for word in words { insert(word) }
    }

    /// The number of words.
    public var count: Int { hashes.count }

    /// Adds a word.
    public mutating func insert<S: StringProtocol>(_ word: S) {
        hashes.insert(WordFrequencies.hash(word))
    }

    /// Whether the word (in any case) is one.
    public func contains<S: StringProtocol>(_ word: S) -> Bool {
        hashes.contains(WordFrequencies.hash(word))
    }
}
