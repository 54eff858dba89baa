extension IdentifiedPhrases {
    /// In English, whether a suspicious lower-case word of four letters or more is English's by
    /// ``wordFrequencies``: English uses it at least ``jargonZipf`` and no other language more
    /// (*tooltip*, *preload*, *boolean*; not *vita*, which Italian uses more, nor *codepage*,
    /// which no list has).
    func isEnglishJargon(_ text: String, word: Word) -> Bool {
        guard word.suspicious, !word.name, word.letters >= 4, let wordFrequencies else { return false }
        return wordFrequencies.isUsedMost(WordFrequencies.Lookup(text[word.start..<word.end]), by: "en", atLeast: jargonZipf)
    }

    /// The text's lines outside fenced code blocks, with the scalar offset each starts at (counted
    /// once over the text, not again per line).
    static func lines(of text: String) -> [(range: Range<String.Index>, scalarStart: Int)] {
        var lines: [(range: Range<String.Index>, scalarStart: Int)] = []
        var inFence = false
        var start = text.startIndex
        var scalarStart = 0
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[start..<end]
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
            } else if !inFence {
                lines.append((start..<end, scalarStart))
            }
            let next = end < text.endIndex ? text.index(after: end) : end
            scalarStart += text.unicodeScalars[start..<next].count
            start = next
        }
        return lines
    }

    /// The Latin words of a line, inline code skipped, each judged suspicious or not.
    static func words(in text: String, line: Range<String.Index>, scalarStart: Int, lexicon: Lexicon?, expectedBit: UInt16?) -> [Word] {
        var words: [Word] = []
        let scalars = text.unicodeScalars
        let englishBit = lexicon?.bit(of: "en")
        let englishExpected = expectedBit != nil && expectedBit == englishBit
        var position = line.lowerBound
        var scalarOffset = scalarStart
        var previous: Unicode.Scalar = " "
        var sentenceStart = true
        while position < line.upperBound {
            let scalar = scalars[position]
            if scalar == "`", let close = inlineCodeEnd(scalars, from: position, lineEnd: line.upperBound) {
                scalarOffset += scalars[position...close].count
                previous = "`"
                position = scalars.index(after: close)
                continue
            }
            guard isLatinLetter(scalar) else {
                if ".!?:".unicodeScalars.contains(scalar) { sentenceStart = true }
                previous = scalar
                position = scalars.index(after: position)
                scalarOffset += 1
                continue
            }
            // A word: Latin letters, combining marks, apostrophes between letters.
            let start = position
            let startScalar = scalarOffset
            var letters = 0
            var capitals = 0
            // camelCase and PascalCase with an inner capital are identifiers, not words.
            var camelCase = false
            var lastWasLowercase = false
            var end = position
            while end < line.upperBound {
                let current = scalars[end]
                if isLatinLetter(current) {
                    letters += 1
                    let uppercase = Self.isUppercase(current)
                    if uppercase {
                        capitals += 1
                        if lastWasLowercase { camelCase = true }
                    }
                    lastWasLowercase = !uppercase && Self.isLowercase(current)
                } else if current.properties.generalCategory == .nonspacingMark {
                    // part of the letter before
                    lastWasLowercase = false
                } else if current == "'" || current == "\u{2019}", scalars.index(after: end) < line.upperBound,
                    isLatinLetter(scalars[scalars.index(after: end)])
                {
                    // inner apostrophe
                    lastWasLowercase = false
                } else {
                    break
                }
                end = scalars.index(after: end)
                scalarOffset += 1
            }
            let after: Unicode.Scalar = end < line.upperBound ? scalars[end] : " "
            let afterAfter: Unicode.Scalar =
                end < line.upperBound && scalars.index(after: end) < line.upperBound ? scalars[scalars.index(after: end)] : " "
            let word = String(text[start..<end])
            let identifierLike =
                "_/@\\#$%=<>".unicodeScalars.contains(previous) || "_/@\\=<>(".unicodeScalars.contains(after)
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
            let englishLetter = word == "a" || word == "A" || word == "I"
            let inEnglish = listed & english != 0 && (letters >= 2 || englishLetter || capitals > 0 || englishExpected)
            let function = entry.function
            words.append(
                Word(
                    start: start, end: end, startScalar: startScalar, endScalar: scalarOffset, points: points, letters: letters,
                    english: inEnglish, englishLetter: englishLetter,
                    englishFunction: inEnglish && function & english != 0,
                    foreignFunction: function & ~english, unlisted: lexicon != nil && listed == 0 && letters >= 2, name: name,
                    plain: !identifierLike && !acronym && !camelCase, shared: shared)
            )
            sentenceStart = false
            previous = end > start ? scalars[scalars.index(before: end)] : previous
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
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

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

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
        return ScriptTable.script(of: scalar.value) == .latin && scalar.properties.isAlphabetic
    }
}
