/// How often words are used in each of several languages, on the Zipf scale.
///
/// A word's Zipf value is the base-10 logarithm of its occurrences per billion words (English
/// *the* 7.7, *est* 4.1; French *est* 7.2). A word list says only whether a language has a word; a
/// frequency says how much evidence the word is: *la*, *op* and *est* are in English dictionaries, yet three such words
/// in a row are French or Dutch, not English.
///
/// Words are kept as hashes (``WordHasher``, lowercased, `’` as `'`) mixed with their language,
/// each with its Zipf value to a tenth.
public struct WordFrequencies: Sendable {
    /// The languages, in the order they were added.
    public internal(set) var languages: [String] = []
    /// Zipf × 10 by word hash mixed with the language's index.
    var table = ZipfTable()
    /// The highest Zipf × 10 of each word hash over the languages: a bound that rules most windows
    /// out with one look-up per word.
    var highest = ZipfTable()
    /// The Zipf value of a word a language's list lacks: as rare as a list's rarest words, or rarer
    /// (English's list goes down to 1.0, the others' to 3.0).
    public var absent = 1.0

    public init() {}

    /// The number of (word, language) entries.
    public var count: Int { table.count }

    /// The index of a language, added when new.
    public mutating func index(adding code: String) -> Int {
        if let index = languages.firstIndex(of: code) { return index }
        languages.append(code)
        return languages.count - 1
    }

    /// The index of a language, if it has a list.
    public func index(of code: String) -> Int? {
        languages.firstIndex(of: code)
    }

    /// Reserves room for `count` (word, language) entries.
    public mutating func reserveCapacity(_ count: Int) {
        table.reserveCapacity(count)
        highest.reserveCapacity(count)
    }

    /// Releases the room ``reserveCapacity(_:)`` reserved beyond what the entries need.
    public mutating func compact() {
        table.compact()
        highest.compact()
    }

    /// Records a word's Zipf value in a language (the higher value when given twice).
    public mutating func insert<S: StringProtocol>(_ word: S, language: Int, zipf: Double) {
        insert(hash: Self.hash(word), language: language, zipf: zipf)
    }

    /// Records a word given as UTF-8 bytes (what a list file holds), without making a string of an ASCII one.
    public mutating func insert(utf8 word: UnsafeBufferPointer<UInt8>, language: Int, zipf: Double) {
        insert(hash: Self.hash(utf8: word), language: language, zipf: zipf)
    }

    mutating func insert(hash: UInt64, language: Int, zipf: Double) {
        let key = Self.key(hash, language: language)
        let tenths = UInt8(max(0, min(255, (zipf * 10).rounded())))
        table.raise(key, to: tenths)
        highest.raise(hash, to: tenths)
    }

    /// A word's hashes, computed once for all its look-ups: the whole word, and the side of an
    /// apostrophe looked up when a list lacks the whole: after an elided article (French
    /// *l'estat*, Catalan *d'aliàs*: the lists keep the article apart), before a one-letter ending
    /// (English *cluster's*).
    public struct Lookup: Sendable {
        var whole: UInt64
        var part: UInt64?

        public init<S: StringProtocol>(_ word: S) {
            whole = WordFrequencies.hash(word)
            part = nil
            let scalars = word.unicodeScalars
            guard let apostrophe = scalars.lastIndex(where: { $0 == "'" || $0 == "\u{2019}" }) else { return }
            let before = scalars[..<apostrophe].count
            let after = scalars[scalars.index(after: apostrophe)...].count
            if after >= 2, before <= 2 {
                part = WordFrequencies.hash(scalars: scalars[scalars.index(after: apostrophe)...])
            } else if after <= 1, before >= 2 {
                part = WordFrequencies.hash(scalars: scalars[..<apostrophe])
            }
        }
    }

    /// A word's Zipf value in a language, or `nil` when the language's list lacks it (see ``Lookup``
    /// for words with an apostrophe).
    public func zipf<S: StringProtocol>(of word: S, language: Int) -> Double? {
        tenths(Lookup(word), language: language).map { Double($0) / 10 }
    }

    func tenths(_ lookup: Lookup, language: Int) -> UInt8? {
        if let tenths = table[Self.key(lookup.whole, language: language)] { return tenths }
        return lookup.part.flatMap { table[Self.key($0, language: language)] }
    }

    /// The Zipf value of a word in `language`, ``absent`` when its list lacks it.
    func value(_ lookup: Lookup, language: Int) -> Double {
        tenths(lookup, language: language).map { Double($0) / 10 } ?? absent
    }

    /// The highest Zipf value of a word in any language (``absent`` if none has it): at least its value in each.
    func highestValue(_ lookup: Lookup) -> Double {
        let tenths = max(highest[lookup.whole] ?? 0, lookup.part.flatMap { highest[$0] } ?? 0)
        return tenths == 0 ? absent : max(absent, Double(tenths) / 10)
    }

    /// The language other than `expected` whose words are likeliest against the expected language's.
    ///
    /// Over the languages other than `expected` (and those judged the same, `excluding`), the
    /// largest sum, over the words, of the difference of their Zipf values (a word a list lacks at
    /// ``absent``). A difference of 1 is a word ten times as frequent in that language.
    ///
    /// - Parameter minimum: The least sum of interest: below it, `nil`, found by one look-up per
    ///   word when even each word's highest value in any language falls short.
    /// - Returns: That language and its sum, or `nil` without a list for `expected` or another.
    public func excess(
        of words: [Lookup], over expected: String, excluding: Set<String> = [], atLeast minimum: Double = -.infinity
    ) -> (language: String, excess: Double)? {
        guard let home = index(of: expected), !words.isEmpty else { return nil }
        let homeSum = words.reduce(0.0) { $0 + value($1, language: home) }
        guard words.reduce(0.0, { $0 + highestValue($1) }) - homeSum >= minimum else { return nil }
        var best: (language: String, excess: Double)?
        for (index, code) in languages.enumerated() where index != home && !excluding.contains(code) {
            let sum = words.reduce(0.0) { $0 + value($1, language: index) } - homeSum
            if best.map({ sum > $0.excess }) ?? true { best = (code, sum) }
        }
        guard let best, best.excess >= minimum else { return nil }
        return best
    }

    /// ``excess(of:over:excluding:atLeast:)`` of words given as text.
    public func excess<S: StringProtocol>(
        of words: [S], over expected: String, excluding: Set<String> = [], atLeast minimum: Double = -.infinity
    ) -> (language: String, excess: Double)? {
        excess(of: words.map { Lookup($0) }, over: expected, excluding: excluding, atLeast: minimum)
    }

    /// Whether `language`'s list has the word, or `nil` when there is no list for `language`.
    public func lists(_ word: Lookup, in language: String) -> Bool? {
        index(of: language).map { tenths(word, language: $0) != nil }
    }

    /// ``lists(_:in:)`` of a word given as text.
    public func lists<S: StringProtocol>(_ word: S, in language: String) -> Bool? {
        lists(Lookup(word), in: language)
    }

    /// Whether a language other than `expected` uses the word at least `minimum` on the Zipf scale,
    /// and `margin` more than `expected` does.
    public func isUsed(_ word: Lookup, outside expected: String, atLeast minimum: Double, margin: Double = 0) -> Bool {
        guard highestValue(word) >= minimum else { return false }
        let home = index(of: expected)
        let floor = max(minimum, (home.map { value(word, language: $0) } ?? absent) + margin)
        return languages.indices.contains { $0 != home && value(word, language: $0) >= floor }
    }

    /// ``isUsed(_:outside:atLeast:margin:)`` of a word given as text.
    public func isUsed<S: StringProtocol>(_ word: S, outside expected: String, atLeast minimum: Double, margin: Double = 0) -> Bool {
        isUsed(Lookup(word), outside: expected, atLeast: minimum, margin: margin)
    }

    /// Whether `language` uses the word at least `minimum` on the Zipf scale, and no other language more.
    public func isUsedMost(_ word: Lookup, by language: String, atLeast minimum: Double) -> Bool {
        guard let home = index(of: language), highestValue(word) >= minimum else { return false }
        let own = value(word, language: home)
        return own >= minimum && !languages.indices.contains { $0 != home && value(word, language: $0) > own }
    }

    /// How many of the words `language` uses more than `expected` (none without a list for either).
    public func countUsedMore(_ words: [Lookup], in language: String, over expected: String) -> Int {
        guard let other = index(of: language), let home = index(of: expected) else { return 0 }
        return words.filter { value($0, language: other) > value($0, language: home) }.count
    }

    /// How much more `language` uses the words than `expected`: the sum of the differences of
    /// their Zipf values (a word a list lacks at ``absent``), or `nil` without a list for either.
    public func advantage(of words: [Lookup], in language: String, over expected: String) -> Double? {
        guard let other = index(of: language), let home = index(of: expected) else { return nil }
        return words.reduce(0.0) { $0 + value($1, language: other) - value($1, language: home) }
    }

    /// ``advantage(of:in:over:)`` of words given as text.
    public func advantage<S: StringProtocol>(of words: [S], in language: String, over expected: String) -> Double? {
        advantage(of: words.map { Lookup($0) }, in: language, over: expected)
    }

    /// The hash of a word's scalars, lowercased.
    static func hash<C: Sequence<Unicode.Scalar>>(scalars: C) -> UInt64 {
        var hasher = WordHasher()
        for scalar in scalars { hasher.append(scalar) }
        return hasher.value
    }

    /// A word's hash, lowercased.
    static func hash<S: StringProtocol>(_ word: S) -> UInt64 {
        hash(utf8: word.utf8)
    }

    /// The hash of a word's UTF-8 bytes, lowercased (ASCII without Unicode's tables).
    static func hash<C: Collection<UInt8>>(utf8 bytes: C) -> UInt64 {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return hash(scalars: String(decoding: bytes, as: UTF8.self).unicodeScalars) }
        var hasher = WordHasher()
        for byte in bytes { hasher.appendASCII(byte) }
        return hasher.value
    }

    static func key(_ hash: UInt64, language: Int) -> UInt64 {
        hash ^ (UInt64(language + 1) &* 0x9E37_79B9_7F4A_7C15)
    }
}
