/// Latin-script phrases of another language, judged by a multilingual ``LanguageIdentifier``.
///
/// Word lists only mark where to look. A word is *suspicious* when the expected language's list
/// lacks it, or, for a language without a list, when it is an English word (English is then the
/// only intrusion judged); it is worth 2 points, 1 when capitalised inside a sentence (a name?).
/// Suspicious words at most ``maximumGap`` other words apart, spanning ``minimumWords`` words and
/// worth ``minimumPoints``, make a candidate. The candidate (its ends trimmed by up to two words,
/// the least expected stretch kept) is a phrase of another language when the identifier gives the
/// expected language (and its ``groups`` neighbours) a probability below
/// ``maximumExpectedProbability``; in English, a candidate worth less than ``strongPoints`` must
/// stay that unlikely with ``context`` words either side, so that a loanword (crème brûlée, per se)
/// stays in the sentence it belongs to.
///
/// A language the identifier does not know (Asturian, Walloon) comes out as a neighbour: what it
/// calls the whole answer then counts as home, unless that is a language with a word list.
///
/// Acronyms, identifier-like words (next to `_`, `/`, `@`, digits, dotted names) and code
/// (fenced blocks, inline `code`) are never suspicious.
///
/// The parameters were chosen on the dev split of `make validate`'s set (Tests/Validation).
public struct IdentifiedPhrases: Sendable {
    public let identifier: any LanguageIdentifier
    /// Points a candidate needs (2 per suspicious word, 1 per suspicious capitalised word).
    public var minimumPoints = 3
    /// Unsuspicious words allowed between two suspicious ones of a candidate.
    public var maximumGap = 1
    /// Words of context identified with a weak candidate, each side.
    public var context = 1
    /// Points above which a candidate is judged alone; below, its context must agree.
    public var strongPoints = 5
    /// The probability of the expected language (and its group) below which a stretch is foreign.
    public var maximumExpectedProbability = 0.10
    /// Letters the candidate's suspicious words need together.
    public var minimumLetters = 8
    /// Words a candidate spans: a phrase, not a loanword pair (bête noire, prima donna) or a
    /// command and its argument (git submodule).
    public var minimumWords = 3

    public init(identifier: any LanguageIdentifier) {
        self.identifier = identifier
    }

    /// Languages an identifier confuses with each other on short text, judged as one: a phrase in
    /// one of them inside text of another is not counted (Danish in Norwegian, Indonesian in Malay).
    public static let groups: [Set<String>] = [
        ["no", "nb", "nn", "da"], ["hr", "sr", "bs"], ["ms", "id"],
    ]

    /// The languages judged the same as `code`.
    public static func equivalents(of code: String) -> Set<String> {
        groups.first { $0.contains(code) } ?? [code]
    }

    /// One word of the text.
    struct Word {
        var start: String.Index
        var end: String.Index
        var startScalar: Int
        var endScalar: Int
        /// 0 (not suspicious), 1 (a capitalised word inside a sentence) or 2.
        var points: Int
        var letters: Int
        var suspicious: Bool { points > 0 }
    }

    /// Finds the phrases.
    ///
    /// - Parameters:
    ///   - text: The answer.
    ///   - expected: The expected language's profile (Latin-script).
    ///   - lexicon: Word lists for the suspicion test.
    /// - Returns: The spans found, in text order.
    public func spans(in text: String, expected: LanguageProfile, lexicon: Lexicon?) -> [LanguageMixSpan] {
        let expectedBit = lexicon?.bit(of: expected.code)
        var accepted = Self.equivalents(of: expected.code)
        if !identifier.recognizes(expected.code) {
            // The identifier names this language's text as some neighbour: whatever it calls the
            // whole answer is home too (not a language with a word list, which is judged by phrase).
            if let whole = identifier.identify(text[...]), whole.code != "un", lexicon?.bit(of: whole.primary) == nil {
                accepted.formUnion(Self.equivalents(of: whole.primary))
            }
        }

        var spans: [LanguageMixSpan] = []
        for line in Self.lines(of: text) {
            let words = Self.words(in: text, line: line.range, scalarStart: line.scalarStart, lexicon: lexicon, expectedBit: expectedBit)
            var index = 0
            while index < words.count {
                guard words[index].suspicious else {
                    index += 1
                    continue
                }
                // Grow a candidate from this suspicious word.
                var last = index
                var points = words[index].points
                var letters = words[index].letters
                // A word repeated ("shflags, shflags and shflags") counts once.
                var seen: Set<Substring> = [text[words[index].start..<words[index].end]]
                var next = index + 1
                while next < words.count, next - last - 1 <= maximumGap {
                    if words[next].suspicious {
                        last = next
                        if seen.insert(text[words[next].start..<words[next].end]).inserted {
                            points += words[next].points
                            letters += words[next].letters
                        }
                    }
                    next += 1
                }
                defer { index = last + 1 }
                guard points >= minimumPoints, letters >= minimumLetters, last - index + 1 >= minimumWords else { continue }
                // The candidate may have caught a word of the sentence at either end (a name, a
                // shared word): trimming up to two words off the ends, the least expected stretch counts.
                var best = (first: index, last: last, probability: 2.0)
                for (head, tail) in [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2)] where last - tail - (index + head) + 1 >= minimumWords {
                    let probability = identifier.probability(of: accepted, in: text[words[index + head].start..<words[last - tail].end])
                    if probability < best.probability { best = (index + head, last - tail, probability) }
                    // The whole candidate already foreign: no trimming needed.
                    if head == 0, tail == 0, probability < maximumExpectedProbability { break }
                }
                let candidate = text[words[best.first].start..<words[best.last].end]
                // The expected language must be unlikely for the candidate, and, for a short one in
                // English, for the candidate in its sentence (a loanword belongs to it).
                guard best.probability < maximumExpectedProbability else { continue }
                if points < strongPoints, expected.code == "en" {
                    let from = words[max(0, best.first - context)].start
                    let to = words[min(words.count - 1, best.last + context)].end
                    guard identifier.probability(of: accepted, in: text[from..<to]) < maximumExpectedProbability else { continue }
                }
                let guess = identifier.identify(candidate)
                // Without a list for the expected language, English words marked the candidate, and
                // only English is judged.
                if expectedBit == nil, lexicon != nil, guess?.primary != "en" { continue }
                spans.append(
                    LanguageMixSpan(
                        start: words[best.first].startScalar, end: words[best.last].endScalar, text: String(candidate),
                        kind: .language, found: guess?.primary ?? "und"))
            }
        }
        return spans
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
        var position = line.lowerBound
        var scalarOffset = scalarStart
        var previous: Unicode.Scalar = " "
        var sentenceStart = true
        var inCode = false
        while position < line.upperBound {
            let scalar = scalars[position]
            if scalar == "`" {
                inCode.toggle()
            }
            guard !inCode, isLatinLetter(scalar) else {
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
            var end = position
            while end < line.upperBound {
                let current = scalars[end]
                if isLatinLetter(current) {
                    letters += 1
                    if current.properties.isUppercase { capitals += 1 }
                } else if current.properties.generalCategory == .nonspacingMark {
                    // part of the letter before
                } else if current == "'" || current == "\u{2019}", scalars.index(after: end) < line.upperBound,
                    isLatinLetter(scalars[scalars.index(after: end)])
                {
                    // inner apostrophe
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
                || previous.properties.numericType != nil || after.properties.numericType != nil
                || ((after == "." || after == "-") && isLatinLetter(afterAfter)) || previous == "." || previous == "-"
            let acronym = capitals >= 2 && capitals * 2 >= letters
            // camelCase and PascalCase with an inner capital are identifiers, not words.
            let scalarsOfWord = Array(text[start..<end].unicodeScalars)
            let camelCase = zip(scalarsOfWord, scalarsOfWord.dropFirst()).contains { $0.properties.isLowercase && $1.properties.isUppercase }
            let name = capitals > 0 && !sentenceStart
            var suspicious = false
            var languages: UInt16 = 0
            if !identifierLike, !acronym, !camelCase, letters >= 2 {
                if let lexicon {
                    languages = lexicon.languages(of: word) | (name ? lexicon.languages(of: word.lowercased()) : 0)
                    if let expectedBit {
                        suspicious = languages & expectedBit == 0
                    } else {
                        // No list for the expected language: English words mark where to look.
                        suspicious = lexicon.bit(of: "en").map { languages & $0 != 0 } ?? false
                    }
                } else {
                    suspicious = true
                }
            }
            let points = suspicious ? (name ? 1 : 2) : 0
            words.append(
                Word(
                    start: start, end: end, startScalar: startScalar, endScalar: scalarOffset, points: points, letters: letters)
            )
            sentenceStart = false
            previous = end > start ? scalars[scalars.index(before: end)] : previous
            position = end
        }
        return words
    }

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
        return ScriptTable.script(of: scalar.value) == .latin && scalar.properties.isAlphabetic
    }
}
