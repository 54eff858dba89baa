extension IdentifiedPhrases {
    /// In English, whether a suspicious lower-case word of four letters or more is English's by
    /// ``wordFrequencies``: English uses it at least ``jargonZipf`` and no other language more
    /// (*tooltip*, *preload*, *boolean*; not *codepage*, which no list has); or English uses it at
    /// least ``loanwordZipf``, whoever uses it more, and it is no other language's function word
    /// (*vita*, *c'est*, which Italian and French use more; not Spanish *para*).
    func isEnglishJargon(_ text: String, word: Word) -> Bool {
        guard word.suspicious, !word.name, word.letters >= 4, let wordFrequencies else { return false }
        let lookup = WordFrequencies.Lookup(text[word.start..<word.end])
        if word.foreignFunction == 0, let english = wordFrequencies.index(of: "en"), wordFrequencies.value(lookup, language: english) >= loanwordZipf
        {
            return true
        }
        return wordFrequencies.isUsedMost(lookup, by: "en", atLeast: jargonZipf)
    }

    /// In English, whether an accented suspicious word is a loanword English's list has bare.
    ///
    /// The word has ``accentedLetters`` letters or more, a letter beyond ASCII, English's list
    /// has it without its marks and English writes it with them at least ``jargonZipf`` (*résumé*
    /// 2.8, listed as *resume*; *naïve* 3.1, as *naive*): dictionaries list loanwords bare,
    /// writers keep the accents. Words of other languages whose
    /// bare spelling is English are short (*für*, *på*, *à*) or English writes them with their
    /// marks less often (*général*, *détails*).
    func isAccentedEnglish(_ text: String, word: Word, lexicon: Lexicon?) -> Bool {
        guard word.suspicious, word.letters >= accentedLetters, let lexicon, let english = lexicon.bit(of: "en"), let wordFrequencies,
            let englishIndex = wordFrequencies.index(of: "en")
        else { return false }
        let spelling = text[word.start..<word.end]
        guard spelling.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        let bare = String(Collocations.withoutMarks(spelling))
        guard bare.utf8.allSatisfy({ $0 < 0x80 }), lexicon.entry(of: bare).languages & english != 0 else { return false }
        return wordFrequencies.value(WordFrequencies.Lookup(spelling), language: englishIndex) >= jargonZipf
    }

    /// In English, whether a suspicious lower-case word is one of ``technicalWords``, or its
    /// possessive (*submodule's*), of ``technicalWordLetters`` letters or more and no other
    /// language's function word (*git*, *submodule*, *config*; not *del* or *per*, which Python's
    /// comments write too).
    func isTechnicalWord(_ text: String, word: Word) -> Bool {
        guard word.suspicious, !word.name, word.foreignFunction == 0, word.letters >= technicalWordLetters, let technicalWords else {
            return false
        }
        let spelling = text[word.start..<word.end]
        if technicalWords.contains(spelling) { return true }
        guard spelling.hasSuffix("'s") || spelling.hasSuffix("\u{2019}s") else { return false }
        return technicalWords.contains(spelling.dropLast(2))
    }

    /// Outside English, whether a lower-case word English's list lacks is one of
    /// ``technicalWords``, of ``technicalWordLetters`` letters or more, with a vowel and no other
    /// language's function word: English's, so that a phrase of technical English is found
    /// (*no endianness specified*, *to merge submodule*); abbreviations without a vowel (*ftp*,
    /// *http*), which translations keep, are not.
    func isTechnicalEnglishWord(_ text: String, word: Word) -> Bool {
        guard !word.english, word.plain, word.foreignFunction == 0, word.letters >= technicalWordLetters, let technicalWords,
            text[word.start].isLowercase
        else { return false }
        let spelling = text[word.start..<word.end]
        return spelling.contains { "aeiou".contains($0) } && technicalWords.contains(spelling)
    }

    /// The text's lines outside fenced code blocks, with the scalar offset each starts at (counted
    /// once over the text, not again per line).
    ///
    /// Lines end at a line feed (a carriage return before it stays in the line, as punctuation).
    static func lines(of text: String) -> [(range: Range<String.Index>, scalarStart: Int)] {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { lines(of: utf8, bytes: $0) }
            ?? Array(utf8).withUnsafeBufferPointer { lines(of: utf8, bytes: $0) }
    }

    private static func lines(of utf8: String.UTF8View, bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<String.Index>, scalarStart: Int)] {
        var lines: [(range: Range<String.Index>, scalarStart: Int)] = []
        var inFence = false
        var start = 0
        var scalarStart = 0
        while start < bytes.count {
            var end = start
            var scalars = 0
            while end < bytes.count, bytes[end] != 0x0A {
                // Every byte but a continuation byte starts a scalar.
                if bytes[end] & 0xC0 != 0x80 { scalars += 1 }
                end += 1
            }
            var first = start
            while first < end, bytes[first] == 0x20 { first += 1 }
            let fence =
                first + 3 <= end && (bytes[first] == 0x60 || bytes[first] == 0x7E) && bytes[first + 1] == bytes[first]
                && bytes[first + 2] == bytes[first]
            if fence {
                inFence.toggle()
            } else if !inFence {
                lines.append((utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end), scalarStart))
            }
            // The line feed is a scalar of its own.
            scalarStart += scalars + (end < bytes.count ? 1 : 0)
            start = end + 1
        }
        return lines
    }

    /// The Latin words of a line, inline code skipped, each judged suspicious or not.
    static func words(in text: String, line: Range<String.Index>, scalarStart: Int, lexicon: Lexicon?, expectedBit: UInt16?) -> [Word] {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable {
            words(in: text, bytes: $0, line: line, scalarStart: scalarStart, lexicon: lexicon, expectedBit: expectedBit)
        }
            ?? Array(utf8).withUnsafeBufferPointer {
                words(in: text, bytes: $0, line: line, scalarStart: scalarStart, lexicon: lexicon, expectedBit: expectedBit)
            }
    }

    /// The scalar whose UTF-8 starts at `offset`, and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: offset)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static func words(
        in text: String, bytes: UnsafeBufferPointer<UInt8>, line: Range<String.Index>, scalarStart: Int, lexicon: Lexicon?, expectedBit: UInt16?
    ) -> [Word] {
        var words: [Word] = []
        let utf8 = text.utf8
        let scalars = text.unicodeScalars
        let englishBit = lexicon?.bit(of: "en")
        let englishExpected = expectedBit != nil && expectedBit == englishBit
        // Byte offsets: the line's end, the position read.
        let lineEnd = utf8.distance(from: utf8.startIndex, to: line.upperBound)
        var position = utf8.distance(from: utf8.startIndex, to: line.lowerBound)
        var scalarOffset = scalarStart
        var previous: Unicode.Scalar = " "
        var sentenceStart = true
        while position < lineEnd {
            let (scalar, length) = decode(bytes, at: position)
            if scalar == "`",
                let close = inlineCodeEnd(scalars, from: utf8.index(utf8.startIndex, offsetBy: position), lineEnd: line.upperBound)
            {
                let after = scalars.index(after: close)
                scalarOffset += scalars[utf8.index(utf8.startIndex, offsetBy: position)..<after].count
                previous = "`"
                position = utf8.distance(from: utf8.startIndex, to: after)
                continue
            }
            guard isLatinLetter(scalar) else {
                if scalar == "." || scalar == "!" || scalar == "?" || scalar == ":" { sentenceStart = true }
                previous = scalar
                position += length
                scalarOffset += 1
                continue
            }
            // A word: Latin letters, combining marks, apostrophes between letters.
            let startByte = position
            let startScalar = scalarOffset
            var letters = 0
            var capitals = 0
            // camelCase and PascalCase with an inner capital are identifiers, not words.
            var camelCase = false
            var lastWasLowercase = false
            var end = position
            var last = scalar
            while end < lineEnd {
                let (current, length) = decode(bytes, at: end)
                if isLatinLetter(current) {
                    letters += 1
                    let uppercase = Self.isUppercase(current)
                    if uppercase {
                        capitals += 1
                        if lastWasLowercase { camelCase = true }
                    }
                    lastWasLowercase = !uppercase && Self.isLowercase(current)
                } else if current.value >= 0x300, current.properties.generalCategory == .nonspacingMark {
                    // part of the letter before
                    lastWasLowercase = false
                } else if current == "'" || current == "\u{2019}", end + length < lineEnd, isLatinLetter(decode(bytes, at: end + length).scalar) {
                    // inner apostrophe
                    lastWasLowercase = false
                } else {
                    break
                }
                last = current
                end += length
                scalarOffset += 1
            }
            var after: Unicode.Scalar = " "
            var afterAfter: Unicode.Scalar = " "
            if end < lineEnd {
                let next = decode(bytes, at: end)
                after = next.scalar
                if end + next.length < lineEnd { afterAfter = decode(bytes, at: end + next.length).scalar }
            }
            let start = utf8.index(utf8.startIndex, offsetBy: startByte)
            let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
            let word = text[start..<endIndex]
            let identifierLike =
                Self.isIdentifierBefore(previous) || Self.isIdentifierAfter(after)
                || Self.isNumeric(previous) || Self.isNumeric(after)
                || ((after == "." || after == "-") && isLatinLetter(afterAfter)) || previous == "." || previous == "-"
            let acronym = capitals >= 2 && capitals * 2 >= letters
            let name = capitals > 0 && !sentenceStart
            var suspicious = false
            var languages: UInt16 = 0
            // The lists and the function-word lists that have the word (its lowercase form too).
            let entry = lexicon?.entry(of: word) ?? (languages: 0, function: 0)
            if !identifierLike, !acronym, !camelCase, letters >= 2 {
                if lexicon != nil {
                    languages = entry.languages
                    if let expectedBit {
                        suspicious = languages & expectedBit == 0
                    } else {
                        // No list for the expected language: English words mark where to look.
                        suspicious = englishBit.map { languages & $0 != 0 } ?? false
                    }
                } else {
                    suspicious = true
                }
            }
            var points = suspicious ? (name ? 1 : 2) : 0
            var shared = false
            // Outside English, a word of 3+ letters that both lists have (a loanword or cognate:
            // mode, table) is worth a point: English phrases there are mostly such words.
            if !suspicious, !identifierLike, !acronym, !camelCase, letters >= sharedWordLetters, let english = lexicon?.bit(of: "en"),
                let expectedBit, expectedBit != english, languages & english != 0
            {
                points = 1
                shared = true
            }
            // Whether English lists the word (one-letter words are looked up here only; outside
            // English, a lower-case one other than *a* is not English: Albanian *e*, Croatian *s*),
            // and the languages whose function words it is.
            let listed = letters < 2 ? entry.languages : languages
            let english = englishBit ?? 0
            let englishLetter = end == startByte + 1 && (scalar == "a" || scalar == "A" || scalar == "I")
            let inEnglish = listed & english != 0 && (letters >= 2 || englishLetter || capitals > 0 || englishExpected)
            let function = entry.function
            words.append(
                Word(
                    start: start, end: endIndex, startScalar: startScalar, endScalar: scalarOffset, points: points, letters: letters,
                    english: inEnglish, englishLetter: englishLetter,
                    englishFunction: inEnglish && function & english != 0,
                    foreignFunction: function & ~english, unlisted: lexicon != nil && listed == 0 && letters >= 2, name: name,
                    plain: !identifierLike && !acronym && !camelCase, shared: shared)
            )
            sentenceStart = false
            previous = last
            position = end
        }
        return words
    }

    /// The closing backtick of inline code opened at `open`, on the same line, as the byte scanner
    /// reads it: Markdown code hugs its backticks (`x`); GNU-style quoting (` x ') and a lone
    /// backtick are punctuation, and the words after them are read.
    static func inlineCodeEnd(_ scalars: String.UnicodeScalarView, from open: String.Index, lineEnd: String.Index) -> String.Index? {
        let first = scalars.index(after: open)
        guard first < lineEnd, scalars[first] != " ", scalars[first] != "`" else { return nil }
        guard let close = scalars[first..<lineEnd].firstIndex(of: "`"), scalars[scalars.index(before: close)] != " " else { return nil }
        return close
    }

    // Unicode properties with an ASCII fast path: the property tables cost more than the rest of
    // the word loop.
    /// Whether a character before a word makes it part of an identifier: `_/@\\#$%=<>`.
    @inline(__always)
    static func isIdentifierBefore(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "_", "/", "@", "\\", "#", "$", "%", "=", "<", ">": true
        default: false
        }
    }

    /// Whether a character after a word makes it part of an identifier: `_/@\\=<>(`.
    @inline(__always)
    static func isIdentifierAfter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "_", "/", "@", "\\", "=", "<", ">", "(": true
        default: false
        }
    }

    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    @inline(__always)
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    @inline(__always)
    static func isNumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x30...0x39).contains(scalar.value) : scalar.properties.numericType != nil
    }

    /// Whether a Latin letter is a vowel (a, e, i, o, u, y), with or without marks.
    static func isVowel(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return "aeiouyAEIOUY".unicodeScalars.contains(scalar) }
        // A Latin vowel with marks is named after its base letter: LATIN SMALL LETTER E WITH ACUTE.
        guard let name = scalar.properties.name else { return false }
        for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let base = rest.first, "AEIOUY".contains(base) else { return false }
            return rest.count == 1 || rest.dropFirst().hasPrefix(" ")
        }
        return false
    }

    @inline(__always)
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
        return ScriptTable.script(of: scalar.value) == .latin && scalar.properties.isAlphabetic
    }
}
