extension LanguageMixDetector {
    /// One Latin word, for the same-script pass: where it is, what the scan saw of it, and its
    /// pending look-up in the word lists (texts are scanned by the megabyte, so it stays small).
    struct Word {
        /// The word's lowercase hash, and the hash of its spelling as written.
        var hash: UInt64
        var exact: UInt64
        var startScalar: UInt32
        var endScalar: UInt32
        var startOffset: UInt32
        var endOffset: UInt32
        /// Languages whose lists have the word; 0 for words that carry no evidence.
        var languages: UInt16
        /// Languages for which the word is a function word.
        var function: UInt16
        var letterCount: UInt16
        /// A capitalised word inside a sentence: perhaps a name, so half evidence.
        var halfWeight: Bool
        /// Starts with a capital letter.
        var capitalized: Bool
        /// What `lookUpWords` does with it (`Word.wanted`, …).
        var flags: UInt8
        /// The other languages the word is evidence for (`findForeignPhrases`).
        var pointsTo: UInt16 = 0

        static let wanted: UInt8 = 1
        static let hasExact: UInt8 = 2
        static let apostrophe: UInt8 = 4

        var start: Int { Int(startScalar) }
        var end: Int { Int(endScalar) }
        var startByte: Int { Int(startOffset) }
        var endByte: Int { Int(endOffset) }
        var letters: Int { Int(letterCount) }
    }
}

extension LanguageMixDetector.Scanner {
    // MARK: - Latin words

    /// What scanning one word found.
    struct WordScan {
        /// Just past the word.
        var end: Int
        var lower = WordHasher()
        var exact = WordHasher(exact: true)
        var upper = 0
        var firstUpper = false
        var apostrophe = false
        /// Bytes beyond the first of each multi-byte scalar, and scalars that are not letters
        /// (apostrophes, combining marks).
        var extra = 0
        var nonLetters = 0
    }

    /// Scans a word of Latin letters (with inner apostrophes and combining marks) from `i`, and
    /// for the same-script pass records it with both its hashes.
    ///
    /// A word of ASCII letters only, nearly every word of an English answer, takes two tight
    /// loops: one finds its end, one hashes its bytes, lowercased and as written, in two
    /// independent chains; the scalar count is its byte count. Other words take `scanWord`.
    mutating func latinWord() {
        closeOpen()
        let startByte = i
        let bytes = self.bytes
        let end = bytes.count
        var k = startByte
        while k < end, bytes[k] | 0x20 &- 0x61 < 26 { k &+= 1 }
        var word: WordScan
        if k < end, bytes[k] == 0x27 || bytes[k] >= 0x80 {
            word = scanWord(from: startByte)
        } else {
            word = WordScan(end: k)
            word.firstUpper = bytes[startByte] < 0x61
            if usesLexicon {
                var lower = WordHasher()
                var exact = WordHasher(exact: true)
                var upper = 0
                for j in startByte..<k {
                    let b = bytes[j]
                    // Capitals have bit 5 clear.
                    upper &+= Int(~b >> 5 & 1)
                    lower.appendByte(b | 0x20)
                    exact.appendByte(b)
                }
                word.lower = lower
                word.exact = exact
                word.upper = upper
            }
        }
        k = word.end
        let upper = word.upper
        let firstUpper = word.firstUpper
        let apostrophe = word.apostrophe
        let startScalar = scalar
        let scalars = k - startByte - word.extra
        let count = scalars - word.nonLetters
        // The scalars before the word, for its context; then, since the loop did not track
        // them, the last two of the word.
        let before = previous
        let beforeBefore = previous2
        i = k
        scalar += scalars
        let last = bytes[k - 1]
        if last < 0x80 {
            previous = UInt32(last)
        } else {
            var j = k - 1
            while j > startByte, bytes[j] & 0xC0 == 0x80 { j -= 1 }
            previous = decode(at: j).value
        }
        previous2 = scalars > 1 ? 0x61 : before
        letters += count
        let wasSentenceStart = sentenceStart
        sentenceStart = false
        guard usesLexicon else { return }
        // Identifier-like words, acronyms and names inside a sentence carry no evidence.
        let after: UInt32
        let afterAfter: UInt32
        if k < end {
            let a = bytes[k]
            if a < 0x80 {
                after = UInt32(a)
                afterAfter = k + 1 < end ? UInt32(bytes[k + 1]) : 0x20
            } else {
                after = decode(at: k).value
                afterAfter = 0x20
            }
        } else {
            after = 0x0A
            afterAfter = 0x20
        }
        let isAcronym = upper >= 2 && upper * 2 >= count
        // Identifier context, inlined for the common case: a symbol next to the word; else a
        // dot or colon joining it to a letter or digit (`config.yaml`, `std::vector`).
        var identifier = Self.isSymbolic(before) || Self.isSymbolic(after)
        if !identifier, before == 0x2E || before == 0x3A || after == 0x2E || after == 0x3A {
            identifier = Self.isJoined(before, beforeBefore) || Self.isJoined(after, afterAfter)
        }
        let neutral = identifier || isAcronym || (count < 2 && !apostrophe)
        if wordCount == wordCapacity { growWords(to: wordCapacity * 2) }
        // The word lists are looked up after the scan, all at once (see `lookUpWords`).
        // `growWords` above has allocated the storage.
        (words.unsafelyUnwrapped + wordCount).initialize(
            to: Word(
                hash: word.lower.value, exact: word.exact.value, startScalar: UInt32(truncatingIfNeeded: startScalar),
                endScalar: UInt32(truncatingIfNeeded: scalar), startOffset: UInt32(truncatingIfNeeded: startByte),
                endOffset: UInt32(truncatingIfNeeded: k), languages: 0, function: 0, letterCount: UInt16(clamping: count),
                halfWeight: firstUpper && !wasSentenceStart, capitalized: firstUpper,
                flags: neutral ? 0 : Word.wanted | (upper > 0 ? Word.hasExact : 0) | (apostrophe ? Word.apostrophe : 0)
            )
        )
        wordCount += 1
    }

    /// Scans a word that has an apostrophe, a non-ASCII letter or a combining mark, or is
    /// followed by a non-ASCII scalar, scalar by scalar.
    func scanWord(from startByte: Int) -> WordScan {
        let bytes = self.bytes
        let end = bytes.count
        var word = WordScan(end: startByte)
        var k = startByte
        while k < end {
            let b = bytes[k]
            if Self.isASCIILetter(b) {
                if b < 0x61 { word.upper += 1 }
                word.lower.appendByte(b | 0x20)
                word.exact.appendByte(b)
                k += 1
                continue
            }
            let (value, length) = b < 0x80 ? (UInt32(b), 1) : decode(at: k)
            // An apostrophe (straight or typographic) between letters is part of the word; the
            // word starts with a letter, so past its start there is one before `k`.
            if value == 0x27 || value == 0x2019 {
                let next = k + length
                guard k > startByte, next < end, Self.isASCIILetter(bytes[next]) || bytes[next] >= 0xC0 else { break }
                word.lower.appendByte(0x27)
                word.exact.appendByte(0x27)
                word.apostrophe = true
                word.nonLetters += 1
                word.extra += length - 1
                k = next
                continue
            }
            guard b >= 0x80 else { break }
            let script = script(of: value)
            if script == .latin {
                let lowercase = WordHasher.latinLowercase(value)
                if lowercase.map({ $0 != value }) ?? (Unicode.Scalar(value)?.properties.isUppercase ?? false) {
                    word.upper += 1
                    if k == startByte { word.firstUpper = true }
                }
            } else {
                guard Self.isCombiningMark(value), k > startByte else { break }
                word.nonLetters += 1
            }
            word.lower.append(value: value)
            word.exact.appendExact(value: value)
            word.extra += length - 1
            k += length
        }
        let first = bytes[startByte]
        if first < 0x80 { word.firstUpper = first < 0x61 }
        word.end = k
        return word
    }

    /// Fills in every word's languages.
    ///
    /// Each look-up is about one cache miss in a table of
    /// millions of forms; done in one tight loop of independent loads rather than one per word
    /// in the middle of the scan, the processor overlaps the misses.
    mutating func lookUpWords() {
        let words = UnsafeMutableBufferPointer(start: self.words, count: wordCount)
        var apostrophes = false
        for j in words.indices where words[j].flags & Word.wanted != 0 {
            var (bits, function) = lexicon.entry(ofHash: words[j].hash)
            if words[j].flags & Word.hasExact != 0 { bits |= lexicon.languages(ofHash: words[j].exact) }
            words[j].languages = bits
            words[j].function = function
            apostrophes = apostrophes || words[j].flags & Word.apostrophe != 0
        }
        guard apostrophes else { return }
        // Rare: a word with an apostrophe that the lists lack whole (l'homme, don't) is looked up by its parts.
        for j in words.indices where words[j].flags & Word.apostrophe != 0 && words[j].languages == 0 {
            let (start, end) = (words[j].startByte, words[j].endByte)
            var (bits, function) = lexicon.entry(ofHash: hash(from: start, to: end, part: .afterApostrophe))
            if bits == 0 { (bits, function) = lexicon.entry(ofHash: hash(from: start, to: end, part: .beforeApostrophe)) }
            words[j].languages = bits
            words[j].function = function
        }
    }

    enum WordPart { case beforeApostrophe, afterApostrophe }

    /// Rehashes, lowercased, the part of a word before its first apostrophe or after its last
    /// (rare, so not tracked while scanning).
    func hash(from start: Int, to end: Int, part: WordPart) -> UInt64 {
        var k = start
        var segment = WordHasher()
        while k < end {
            let (value, length) = decode(at: k)
            k += length
            if value == 0x27 || value == 0x2019 {
                if part == .beforeApostrophe { return segment.value }
                segment = WordHasher()
                continue
            }
            segment.append(value: value)
        }
        return segment.value
    }

    /// Whether an ASCII character makes an adjacent word identifier-like: digits and
    /// `_ / \ @ = < > { } [ ] | # $ % ^ & * + ~ -`, as a 128-bit mask (a constant, so the
    /// per-word test reads no lazily initialised table).
    ///
    /// `LanguageMixDetectorTests` checks it
    /// against that list.
    @inline(__always)
    static func isSymbolic(_ v: UInt32) -> Bool {
        // Bits 0x23-0x26 #$%&, 0x2A-0x2B *+, 0x2D -, 0x2F /, 0x30-0x39 digits, 0x3C-0x3E <=>;
        // then 0x40 @, 0x5B-0x5F [\]^_, 0x7B-0x7E {|}~.
        let low: UInt64 = 0x73FF_AC78_0000_0000
        let high: UInt64 = 0x7800_0000_F800_0001
        if v < 64 { return low >> UInt64(v) & 1 != 0 }
        if v < 128 { return high >> UInt64(v - 64) & 1 != 0 }
        return false
    }

    /// Whether a dot or colon joins a word to a letter or digit.
    static func isJoined(_ joiner: UInt32, _ next: UInt32) -> Bool {
        (joiner == 0x2E || joiner == 0x3A) && ((0x30...0x39).contains(next) || isLetter(next))
    }
}
