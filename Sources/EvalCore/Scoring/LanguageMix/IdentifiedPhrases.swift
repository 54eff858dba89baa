/// Latin-script phrases of another language, judged by a multilingual ``LanguageIdentifier``.
///
/// Word lists only mark where to look. A word is *suspicious* when the expected language's list
/// lacks it, or, for a language without a list, when it is an English word (English is then the
/// only intrusion judged); it is worth 2 points, 1 when capitalised inside a sentence (a name?).
/// In English, the words of a multi-word expression the dictionary lists (``englishExpressions``:
/// joie de vivre, modus operandi) are not suspicious.
///
/// A stretch is a phrase of another language when the identifier gives the expected language (and
/// its ``groups`` neighbours) a probability below ``maximumExpectedProbability`` and the
/// ``confirmer`` also finds it foreign (or, when the confirmer has no evidence either way, below
/// ``unconfirmedProbability``). Stretches are judged in two ways:
///
/// - Windows of ``minimumWords`` to ``longestWindow`` words, shortest first (adjacent phrases
///   merge). Outside English, where the intrusion is English and the expected language's list has
///   many English words too (a, in, no; mode, table: those of ``sharedWordLetters`` letters or more
///   are worth 1 point there), a window needs two distinct suspicious words worth ``windowPoints``.
///   In English, where names, loanwords and technical terms abound, it needs
///   ``englishWindowWords`` distinct suspicious words worth ``englishWindowPoints``, or two when
///   every other word is as short as a function word (``functionWordLetters``: la fusión de).
/// - In English, when no window is a phrase, runs of suspicious words: at most ``maximumGap`` other
///   words apart, spanning ``minimumWords`` words and worth ``minimumPoints``; the first stretch,
///   trimming up to two words off each end, that both identifiers find foreign.
///
/// In English, a stretch worth less than ``strongPoints`` must stay that unlikely with ``context``
/// words either side, so that a loanword stays in its sentence.
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
    /// A second identifier, trained on other text, that must also find a candidate foreign: its best
    /// guess is neither an accepted language nor unknown.
    ///
    /// Identifiers err on different text (fastText
    /// calls a stretch of technical English Azerbaijani or Turkish; CLD2 calls it English), so a
    /// phrase both reject is rarely the expected language.
    public var confirmer: (any LanguageIdentifier)?
    /// English multi-word expressions (WordNet's): in English, their words are never suspicious, so
    /// a loanword phrase (joie de vivre, modus operandi) stays part of the sentence.
    public var englishExpressions: Collocations?
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
    /// The probability of the expected language below which a stretch is foreign when the
    /// ``confirmer`` has no evidence either way (it answers `un`).
    public var unconfirmedProbability = 0.02
    /// Letters the candidate's suspicious words need together.
    public var minimumLetters = 8
    /// Words a candidate spans: a phrase, not a loanword pair (bête noire, prima donna) or a
    /// command and its argument (git submodule).
    public var minimumWords = 3
    /// Outside English, the longest window searched, in words.
    public var longestWindow = 6
    /// Outside English, the points a window's distinct suspicious words need.
    public var windowPoints = 4
    /// In English, the distinct suspicious words a window needs (two when its other words are short).
    public var englishWindowWords = 3
    /// In English, the points a window's distinct suspicious words need (names count 1).
    public var englishWindowPoints = 3
    /// Letters of a word taken for a function word of a phrase (la fusión de, para fora dos).
    public var functionWordLetters = 2...3
    /// Outside English, the letters from which a word both lists have is worth a point.
    static let sharedWordLetters = 3

    public init(identifier: any LanguageIdentifier, confirmer: (any LanguageIdentifier)? = nil, englishExpressions: Collocations? = nil) {
        self.identifier = identifier
        self.confirmer = confirmer
        self.englishExpressions = englishExpressions
    }

    /// Windows of ``minimumWords`` to ``longestWindow`` words with enough distinct suspicious words
    /// (see the type's description), shortest first; a window both identifiers find foreign is a
    /// phrase (adjacent ones merge; longer windows over a phrase already found are not judged).
    func windowSpans(
        _ text: String, words: [Word], accepted: Set<String>, expected: LanguageProfile, expectedBit: UInt16?, lexicon: Lexicon?
    ) -> [LanguageMixSpan] {
        let english = expected.code == "en"
        let distinctWords = english ? englishWindowWords : 2
        let requiredPoints = english ? englishWindowPoints : windowPoints
        var flagged: [(first: Int, last: Int)] = []
        guard words.count >= minimumWords else { return [] }
        for length in minimumWords...max(minimumWords, longestWindow) where length <= words.count {
            for first in 0...(words.count - length) {
                let last = first + length - 1
                // A window overlapping a phrase found in a shorter one adds nothing but length.
                if flagged.contains(where: { $0.first <= last && first <= $0.last }) { continue }
                var seen: [Substring] = []
                var points = 0
                var letters = 0
                for index in first...last where words[index].suspicious {
                    let word = text[words[index].start..<words[index].end]
                    if seen.contains(word) { continue }
                    seen.append(word)
                    points += words[index].points
                    letters += words[index].letters
                }
                // Two distinct suspicious words may do when every other word is a short one: a
                // function word of the phrase's language that English lists too (la, do, per).
                let enough =
                    seen.count >= distinctWords
                    || (seen.count >= 2 && (first...last).allSatisfy { words[$0].suspicious || functionWordLetters.contains(words[$0].letters) })
                guard enough, points >= requiredPoints, letters >= minimumLetters else { continue }
                let stretch = text[words[first].start..<words[last].end]
                guard isForeign(stretch, accepted: accepted) else { continue }
                if points < strongPoints, english, !staysForeign(text, words: words, first: first, last: last, accepted: accepted) { continue }
                if expectedBit == nil, lexicon != nil, identifier.identify(stretch)?.primary != "en" { continue }
                flagged.append((first, last))
            }
        }
        flagged.sort { $0.first < $1.first }
        var merged: [(first: Int, last: Int)] = []
        for window in flagged {
            if let previous = merged.last, window.first <= previous.last + 1 {
                merged[merged.count - 1].last = max(previous.last, window.last)
            } else {
                merged.append(window)
            }
        }
        return merged.map { window in
            let stretch = text[words[window.first].start..<words[window.last].end]
            return LanguageMixSpan(
                start: words[window.first].startScalar, end: words[window.last].endScalar, text: String(stretch), kind: .language,
                found: identifier.identify(stretch)?.primary ?? "und")
        }
    }

    /// Words trimmed off a candidate's (head, tail), in the order tried.
    static let trims = [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1), (1, 2), (2, 2)]

    /// Whether the identifier gives the accepted languages less than ``maximumExpectedProbability``
    /// for a stretch, and the confirmer (if any) names another language (accepted languages come
    /// whole from ``groups``, so Norwegian as `no` or `nb` is the same).
    func isForeign(_ stretch: Substring, accepted: Set<String>) -> Bool {
        let probability = identifier.probability(of: accepted, in: stretch)
        guard probability < maximumExpectedProbability else { return false }
        guard let confirmer else { return true }
        guard let guess = confirmer.identify(stretch) else { return false }
        // A confirmer with no evidence either way leaves the identifier to judge alone, more strictly.
        if guess.code == "un" { return probability < unconfirmedProbability }
        return !accepted.contains(guess.primary)
    }

    /// Whether words `first...last` stay unlikely in the expected language with ``context`` words
    /// either side: a loanword belongs to its sentence.
    func staysForeign(_ text: String, words: [Word], first: Int, last: Int, accepted: Set<String>) -> Bool {
        let from = words[max(0, first - context)].start
        let to = words[min(words.count - 1, last + context)].end
        return identifier.probability(of: accepted, in: text[from..<to]) < maximumExpectedProbability
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
            var words = Self.words(in: text, line: line.range, scalarStart: line.scalarStart, lexicon: lexicon, expectedBit: expectedBit)
            // Every candidate, run or window, needs two suspicious words or more.
            guard words.lazy.filter(\.suspicious).count >= 2 else { continue }
            if expected.code == "en", let englishExpressions {
                for (index, covered) in englishExpressions.covered(words.map { text[$0.start..<$0.end] }).enumerated() where covered {
                    words[index].points = 0
                }
            }
            // Windows first; in English, runs when no window is a phrase.
            let windowed = windowSpans(text, words: words, accepted: accepted, expected: expected, expectedBit: expectedBit, lexicon: lexicon)
            spans +=
                windowed.isEmpty && expected.code == "en"
                ? runSpans(text, words: words, accepted: accepted, expectedBit: expectedBit, lexicon: lexicon) : windowed
        }
        return spans
    }

    /// In English, runs of suspicious words (see the type's description), each judged by its first
    /// trimmed stretch both identifiers find foreign.
    func runSpans(_ text: String, words: [Word], accepted: Set<String>, expectedBit: UInt16?, lexicon: Lexicon?) -> [LanguageMixSpan] {
        var phrases: [LanguageMixSpan] = []
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
            // shared word, a technical term): the first stretch, trimming up to two words off
            // the ends, that both identifiers find foreign counts.
            var found: (first: Int, last: Int)?
            for (head, tail) in Self.trims
            where last - tail - (index + head) + 1 >= minimumWords
                && isForeign(text[words[index + head].start..<words[last - tail].end], accepted: accepted)
            {
                found = (index + head, last - tail)
                break
            }
            guard let best = found else { continue }
            let candidate = text[words[best.first].start..<words[best.last].end]
            // A short candidate must stay foreign in its sentence (a loanword belongs to it).
            if points < strongPoints, !staysForeign(text, words: words, first: best.first, last: best.last, accepted: accepted) { continue }
            let guess = identifier.identify(candidate)
            // Without a list for the expected language, English words marked the candidate, and
            // only English is judged.
            if expectedBit == nil, lexicon != nil, guess?.primary != "en" { continue }
            phrases.append(
                LanguageMixSpan(
                    start: words[best.first].startScalar, end: words[best.last].endScalar, text: String(candidate),
                    kind: .language, found: guess?.primary ?? "und"))
        }
        return phrases
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
            var points = suspicious ? (name ? 1 : 2) : 0
            // Outside English, a word of 3+ letters that both lists have (a loanword or cognate:
            // mode, table) is worth a point: English phrases there are mostly such words.
            if !suspicious, !identifierLike, !acronym, !camelCase, letters >= sharedWordLetters, let english = lexicon?.bit(of: "en"),
                let expectedBit, expectedBit != english, languages & english != 0
            {
                points = 1
            }
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

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
        return ScriptTable.script(of: scalar.value) == .latin && scalar.properties.isAlphabetic
    }
}
