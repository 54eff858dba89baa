/// Which languages' word lists contain a word: one open-addressing table from a 64-bit hash of
/// the lowercased word to a bitmask of languages, so a lookup is one probe whatever the number
/// of languages.
///
/// Built from word lists (evalctl loads Debian's `/usr/share/dict` lists); values only, no I/O.
public struct Lexicon: Sendable {
    /// Language codes by bit index (at most 16).
    public let languages: [String]
    // Open addressing on the low bits of the hash. A slot packs, in one 64-bit word (one cache
    // miss per lookup): the high 32 bits of the hash as a fingerprint (0 = empty), the languages
    // whose lists have the word, and those for which it is a function word.
    private(set) var slots: [UInt64]
    private var mask: Int
    /// Distinct words stored.
    public private(set) var count: Int
    /// Languages that have a function-word list, as a bitmask.
    public private(set) var functionWordLanguages: UInt16 = 0

    /// Creates an empty lexicon for up to 16 languages.
    public init(languages: [String], capacity: Int = 1 << 16) {
        precondition(languages.count <= 16, "at most 16 languages")
        self.languages = languages
        var size = 1 << 10
        while size * 10 < capacity * 16 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        count = 0
    }

    init(languages: [String], slots: [UInt64], count: Int, functionWordLanguages: UInt16) {
        self.languages = languages
        self.slots = slots
        self.mask = slots.count - 1
        self.count = count
        self.functionWordLanguages = functionWordLanguages
    }

    /// Creates a lexicon from word lists.
    ///
    /// - Parameters:
    ///   - wordLists: Language code and its words, as the lists spell them.
    ///   - functionWords: Language code and its function words.
    public init(wordLists: [(language: String, words: [String])], functionWords: [(language: String, words: [String])] = []) {
        self.init(
            languages: wordLists.map(\.language),
            capacity: wordLists.reduce(0) { $0 + $1.words.count } + functionWords.reduce(0) { $0 + $1.words.count }
        )
        for (index, list) in wordLists.enumerated() {
            for word in list.words { insert(word: word, language: index) }
        }
        for list in functionWords {
            guard let index = languages.firstIndex(of: list.language) else { continue }
            for word in list.words { insert(functionWord: word, language: index) }
        }
    }

    /// The bit of a language, or `nil` if the lexicon has no list for it.
    public func bit(of language: String) -> UInt16? {
        languages.firstIndex(of: language).map { UInt16(1) << UInt16($0) }
    }

    /// Adds a word to a language's list: a lowercase entry matches the word in any case; an
    /// entry with capitals (`Oder`, `UN`) matches only that spelling, as word lists intend.
    public mutating func insert(word: String, language index: Int) {
        insert(hash: WordHasher.entryHash(of: word), language: index)
    }

    @inline(__always)
    private static func fingerprint(_ hash: UInt64) -> UInt64 {
        let high = hash >> 32
        return (high == 0 ? 1 : high) << 32
    }

    /// Adds a word by its ``WordHasher`` hash.
    public mutating func insert(hash: UInt64, language index: Int, isFunctionWord: Bool = false) {
        precondition((count + 1) * 10 <= slots.count * 9, "Lexicon capacity exceeded: size it with init(languages:capacity:)")
        let print = Self.fingerprint(hash)
        let bits = UInt64(1) << UInt64(index) | (isFunctionWord ? UInt64(1) << UInt64(16 + index) : 0)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 {
                slots[slot] = print | bits
                count += 1
                return
            }
            if stored & 0xFFFF_FFFF_0000_0000 == print {
                slots[slot] = stored | bits
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a function word (articles, pronouns, prepositions…: the strongest evidence of a
    /// language) to a language, and to its word list.
    public mutating func insert(functionWord word: String, language index: Int) {
        insert(hash: WordHasher.entryHash(of: word.lowercased()), language: index, isFunctionWord: true)
        functionWordLanguages |= UInt16(1) << UInt16(index)
    }

    /// The languages whose lists contain the word with this hash, and those for which it is a function word.
    @inline(__always)
    public func entry(ofHash hash: UInt64) -> (languages: UInt16, function: UInt16) {
        let print = Self.fingerprint(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored & 0xFFFF_FFFF_0000_0000 == print {
                return (UInt16(truncatingIfNeeded: stored), UInt16(truncatingIfNeeded: stored >> 16))
            }
            if stored == 0 { return (0, 0) }
            slot = (slot + 1) & mask
        }
    }

    /// The languages whose lists contain the word with this hash, as a bitmask.
    @inline(__always)
    public func languages(ofHash hash: UInt64) -> UInt16 {
        entry(ofHash: hash).languages
    }

    /// The languages whose lists contain a word as written in a text: its lowercase form, or,
    /// for a word with capitals, that exact spelling.
    public func languages(of word: String) -> UInt16 {
        entry(of: word).languages
    }

    /// The languages whose lists contain a word as written in a text (``languages(of:)``), and
    /// those whose function words its lowercase form is.
    public func entry<S: StringProtocol>(of word: S) -> (languages: UInt16, function: UInt16) {
        var lower = WordHasher()
        var exact = WordHasher(exact: true)
        var capitals = false
        for scalar in word.unicodeScalars {
            lower.append(scalar)
            exact.appendExact(value: scalar.value)
            capitals = capitals || WordHasher.isUppercase(scalar)
        }
        let found = entry(ofHash: lower.value)
        return (found.languages | (capitals ? languages(ofHash: exact.value) : 0), found.function)
    }

    /// The codes of the languages in a mask.
    public func codes(in bits: UInt16) -> [String] {
        languages.indices.filter { bits & (UInt16(1) << UInt16($0)) != 0 }.map { languages[$0] }
    }
}

/// Hashes a word case-insensitively, scalar by scalar, the same way for word lists and for text.
///
/// ASCII letters are lowercased by bit arithmetic; other scalars through Unicode's lowercase
/// mapping. The typographic apostrophe counts as `'`. The result is FNV-1a, finalised with a
/// 64-bit mixer so that the low bits index a table well.
public struct WordHasher: Sendable {
    private var state: UInt64

    /// Starts an empty word.
    ///
    /// - Parameter exact: Hash the spelling as is (for capitalised entries) rather than lowercased;
    ///   the two kinds of hash never collide by construction of their seeds.
    public init(exact: Bool = false) {
        state = exact ? 0x84222325_cbf29ce4 : 0xcbf2_9ce4_8422_2325
    }

    /// The hash under which a word-list entry is stored.
    public static func entryHash(of word: String) -> UInt64 {
        var capitals = false
        for scalar in word.unicodeScalars where isUppercase(scalar) {
            capitals = true
            break
        }
        var hasher = WordHasher(exact: capitals)
        for scalar in word.unicodeScalars {
            if capitals { hasher.appendExact(value: scalar.value) } else { hasher.append(scalar) }
        }
        return hasher.value
    }

    /// Whether a scalar is uppercase (ASCII without a look-up in Unicode's tables).
    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value >= 0x41 && scalar.value <= 0x5A : scalar.properties.isUppercase
    }

    /// Appends a scalar as is (typographic apostrophe as `'`).
    @inline(__always)
    public mutating func appendExact(value: UInt32) {
        if value < 0x80 {
            appendByte(UInt8(value))
        } else if value == 0x2019 {
            appendByte(0x27)
        } else {
            appendEncoded(value)
        }
    }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        state ^= UInt64(byte)
        state &*= 0x0000_0100_0000_01B3
    }

    /// Appends an ASCII byte, lowercasing letters.
    @inline(__always)
    public mutating func appendASCII(_ byte: UInt8) {
        appendByte(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }

    /// Appends a scalar, lowercased.
    public mutating func append(_ scalar: Unicode.Scalar) {
        append(value: scalar.value)
    }

    /// Appends a scalar by value, lowercased; Latin letters take a fast path without allocation.
    public mutating func append(value: UInt32) {
        if value < 0x80 {
            appendASCII(UInt8(value))
            return
        }
        if value == 0x2019 {
            appendByte(0x27)
            return
        }
        if let lower = Self.latinLowercase(value) {
            appendEncoded(lower)
            return
        }
        guard let scalar = Unicode.Scalar(value) else { return }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if let bytes = UTF8.encode(lower) {
                for byte in bytes { appendByte(byte) }
            }
        }
    }

    @inline(__always)
    private mutating func appendEncoded(_ v: UInt32) {
        if v >= 0x10000 {
            appendByte(UInt8(0xF0 | (v >> 18)))
            appendByte(UInt8(0x80 | ((v >> 12) & 0x3F)))
            appendByte(UInt8(0x80 | ((v >> 6) & 0x3F)))
            appendByte(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x800 {
            appendByte(UInt8(0xC0 | (v >> 6)))
            appendByte(UInt8(0x80 | (v & 0x3F)))
        } else {
            appendByte(UInt8(0xE0 | (v >> 12)))
            appendByte(UInt8(0x80 | ((v >> 6) & 0x3F)))
            appendByte(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Lowercase of Latin-1 and Latin Extended-A letters (the accented letters of European
    /// languages), or `nil` outside those blocks.
    @inline(__always)
    public static func latinLowercase(_ v: UInt32) -> UInt32? {
        switch v {
        case 0xC0...0xDE where v != 0xD7: return v + 0x20
        case 0xDF...0xFF: return v
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x139...0x148, 0x179...0x17E: return v & 1 == 1 ? v + 1 : v
        case 0x138, 0x149, 0x17F: return v
        case 0x178: return 0xFF
        default: return nil
        }
    }

    /// The hash.
    public var value: UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
