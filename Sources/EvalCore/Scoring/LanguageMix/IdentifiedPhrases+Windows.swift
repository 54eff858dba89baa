extension IdentifiedPhrases {
    /// What a window's words give it to be judged.
    enum WindowEvidence {
        /// Enough distinct suspicious words (see ``IdentifiedPhrases/windowSpans(_:words:accepted:expected:expectedBit:lexicon:functionWordsOnly:)``).
        case suspiciousWords
        /// In English, two suspicious words whose other words are one-letter function words.
        case oneLetterFunctionWords
        /// In English, three words, two of them suspicious.
        case pair
        /// In English, three words, one suspicious, the others function words of one other language.
        case foreignFunctionWords
        /// In English, three words, two of them suspicious words English never writes.
        case unwrittenPair
    }

    /// Windows of ``minimumWords`` to ``longestWindow`` words, shortest first and, among windows as
    /// long, those with more suspicious words first; a window the identifiers find foreign is a
    /// phrase (adjacent ones merge; longer windows over a phrase already found are not judged).
    ///
    /// What a window needs:
    /// - Outside English, where the intrusion is English and the expected language's list has many
    ///   English words too (a, in, no; mode, table: those of ``sharedWordLetters`` letters or more
    ///   are worth 1 point there), two distinct suspicious words worth ``windowPoints``; or English
    ///   words only, which both identifiers must then recognise as English (``isEnglish(_:accepted:)``);
    ///   or English words and words no list has, when fastText gives English
    ///   ``unlistedEnglishProbability`` too; either way, with a word the expected language's list
    ///   lacks, or English using the words more by ``wordFrequencies`` (``englishUsesMore(_:words:first:last:expected:)``:
    ///   *to system time* in Polish, not *in map is* in Dutch). Without a list for the expected language, fastText must
    ///   name English first, or CLD2 name it with a function word only English has in the window,
    ///   or, for English words only, two of ``longEnglishWordLetters`` letters or more, CLD2 name it
    ///   reliably or have no guess; and a function word English lacks (file *de* configuration) is
    ///   never in the window, nor a word English's list and frequencies lack that another list or the
    ///   expected language's frequencies have (``holdsHomeWord(_:words:first:last:accepted:)``:
    ///   *character incorrecte: message* in Interlingua). With a list or without, such English words need no guess from CLD2
    ///   when the identifier gives the expected language less than ``maximumExpectedProbability``.
    ///   Quoted words are never a phrase there (an option's value, a command), nor a list
    ///   (``isList(_:words:first:last:)``: *Sans, Helvetica, Times*).
    /// - In English, where names, loanwords and technical terms abound, ``englishWindowWords``
    ///   distinct suspicious words worth ``englishWindowPoints``, not a list of three or more
    ///   (``isList(_:words:first:last:)``); or two, neither a name after the window's first word
    ///   (*libbfd ABI Pará*), each once, when every other word is as short
    ///   as a function word (``functionWordLetters``: *la* fusión *de*); or two beside one-letter
    ///   words (not *a* or *I*) when the identifier gives English less than
    ///   ``oneLetterProbability``; or two in a window of three when it gives less than
    ///   ``pairProbability`` (either, or below ``maximumExpectedProbability`` when both identifiers
    ///   name the same language), unless both are words English never writes
    ///   (``isUnwrittenPair(_:words:first:last:)``: *a savou drovi*), judged then as a window of
    ///   enough suspicious words is, beside *a* too; or one between two function words of one other
    ///   language, below ``functionWordsProbability``. Three or more suspicious words that read as prose
    ///   (``readsAsProse(_:words:first:last:)``) are judged by ``isForeignProse(_:accepted:)``.
    ///   A name (``isName(_:first:last:)``: Bahía de Banderas), a part of one
    ///   (``isPartOfName(_:first:last:)``), its edge with one suspicious word beside
    ///   (``isEdgeOfName(_:words:first:last:)``), a name beside a technical term
    ///   (``isNameBesideTerm(_:words:first:last:)``) or a list's items (``isEnglishList(_:words:first:last:)``)
    ///   is never a phrase. In any language, nor are words across a bracket, a vertical bar or a
    ///   spaced dash (``crossesItemBoundary(_:words:first:last:)``).
    /// - With ``wordFrequencies``, in English or outside it, three words another language uses far
    ///   more (``languageUsingMore(_:words:first:last:accepted:expected:)``), judged with the weaker kinds.
    /// - With `functionWordsOnly` (the scan marked one word), only one word between function words
    ///   of another language, and word frequencies.
    func windowSpans(
        _ text: String, words: [Word], accepted: Set<String>, expected: LanguageProfile, expectedBit: UInt16?, lexicon: Lexicon?,
        functionWordsOnly: Bool = false
    ) -> [LanguageMixSpan] {
        let english = expected.code == "en"
        // Each phrase's words, and its language when a rule other than the identifier's names it.
        var flagged: [(first: Int, last: Int, found: String?)] = []
        guard words.count >= minimumWords else { return [] }
        // The suspicious words before each word.
        var suspiciousBefore = [0]
        suspiciousBefore.reserveCapacity(words.count + 1)
        for word in words { suspiciousBefore.append(suspiciousBefore[suspiciousBefore.count - 1] + (word.suspicious ? 1 : 0)) }
        // Windows with enough suspicious words first, then those with weaker evidence, where
        // nothing was found: a weak window must not take a neighbour's word from a strong phrase.
        // With `functionWordsOnly`, only windows of `minimumWords` can be phrases (both rules left
        // need three words).
        let longest = functionWordsOnly ? minimumWords : max(minimumWords, longestWindow)
        // For each length, the windows' first words: of windows as long, those with more suspicious
        // words first (*joie de vivre* before *had joie de*), in text order otherwise; in English,
        // only windows with a suspicious word. The same order for both passes.
        let startsByLength = (minimumWords...longest).filter { $0 <= words.count }.map { length in
            (0...(words.count - length)).filter { !english || suspiciousBefore[$0 + length] > suspiciousBefore[$0] }.sorted { a, b in
                let (x, y) = (suspiciousBefore[a + length] - suspiciousBefore[a], suspiciousBefore[b + length] - suspiciousBefore[b])
                return x != y ? x > y : a < b
            }
        }
        for strong in [true, false] {
            for (offset, starts) in startsByLength.enumerated() {
                let length = minimumWords + offset
                for first in starts {
                    let last = first + length - 1
                    // A window overlapping a phrase found already adds nothing but length.
                    if flagged.contains(where: { $0.first <= last && first <= $0.last }) { continue }
                    var found: String?
                    if isPhrase(
                        text, words: words, first: first, last: last, strong: strong, accepted: accepted, expected: expected.code,
                        expectedBit: expectedBit, lexicon: lexicon, functionWordsOnly: functionWordsOnly, found: &found)
                    {
                        flagged.append((first, last, found))
                    }
                }
            }
        }
        flagged.sort { $0.first < $1.first }
        var merged: [(first: Int, last: Int, found: String?)] = []
        for window in flagged {
            if let previous = merged.last, window.first <= previous.last + 1 {
                merged[merged.count - 1].last = max(previous.last, window.last)
                merged[merged.count - 1].found = previous.found ?? window.found
            } else {
                merged.append(window)
            }
        }
        return merged.map { window in
            let stretch = text[words[window.first].start..<words[window.last].end]
            return LanguageMixSpan(
                start: words[window.first].startScalar, end: words[window.last].endScalar, text: String(stretch), kind: .language,
                found: window.found ?? identifier.identify(stretch)?.primary ?? "und")
        }
    }

    /// Whether the window `first...last` is a phrase of another language (see
    /// ``windowSpans(_:words:accepted:expected:expectedBit:lexicon:functionWordsOnly:)``), judging only windows with
    /// enough suspicious words (`strong`) or only the others.
    func isPhrase(
        _ text: String, words: [Word], first: Int, last: Int, strong: Bool, accepted: Set<String>, expected: String, expectedBit: UInt16?,
        lexicon: Lexicon?, functionWordsOnly: Bool = false, found: inout String?
    ) -> Bool {
        let english = expected == "en"
        // Suspicious words, distinct ones (a repeat counts once), and the points and letters of those.
        var suspicious = 0
        var distinct = 0
        var points = 0
        var letters = 0
        for index in first...last where words[index].suspicious {
            suspicious += 1
            let word = text[words[index].start..<words[index].end]
            if (first..<index).contains(where: { words[$0].suspicious && text[words[$0].start..<words[$0].end] == word }) { continue }
            distinct += 1
            points += words[index].points
            letters += words[index].letters
        }
        let stretch = text[words[first].start..<words[last].end]
        // Outside English, quoted words are literals: an option's value, a command, a message.
        if !english, Self.isQuoted(text, words: words, first: first, last: last) { return false }
        if !strong, let language = languageUsingMore(text, words: words, first: first, last: last, accepted: accepted, expected: expected) {
            found = language
            return true
        }
        var kind = evidence(words, first: first, last: last, distinct: distinct, repeats: suspicious > distinct, english: english)
        if english, kind == nil || kind == .pair, suspicious == 2, distinct == 2, isUnwrittenPair(text, words: words, first: first, last: last) {
            kind = .unwrittenPair
        }
        guard let evidence = kind,
            evidence == .foreignFunctionWords ? letters >= 4 : points >= (english ? englishWindowPoints : windowPoints) && letters >= minimumLetters,
            // Words with a comma after each are a list (fsm, vm, init; Sans, Helvetica, Times), not a phrase.
            !Self.isList(text, words: words, first: first, last: last)
        else {
            // Too little for the word-list test: outside English, English words may still be a phrase.
            guard !strong, !english, !functionWordsOnly else { return false }
            if expectedBit != nil, (first...last).allSatisfy({ !words[$0].suspicious || words[$0].shared }),
                !englishUsesMore(text, words: words, first: first, last: last, expected: expected)
            {
                return false
            }
            if Self.englishWordsOnly(text, words: words, first: first, last: last) { return isEnglish(stretch, accepted: accepted) }
            // English words and words no list has (Transport *endpoint* is): English must be likelier.
            return Self.englishOrUnlistedWords(text, words: words, first: first, last: last)
                && identifier.probability(of: ["en"], in: stretch) >= unlistedEnglishProbability && isEnglish(stretch, accepted: accepted)
        }
        guard (evidence == .suspiciousWords) == strong, !functionWordsOnly || evidence == .foreignFunctionWords else { return false }
        // In any language, words across a bracket or a spaced dash belong to two items, not one
        // phrase (*(Kalev Lember) - zypp*; *submódulo (los siguientes commits*). The weaker kinds
        // above need spaces or clause punctuation between the words already.
        if Self.crossesItemBoundary(text, words: words, first: first, last: last) { return false }
        // Nor is a name, a part of one (numeric *Bahía de* Banderas), a name beside a technical
        // term (*Nuevo León relocs*) or a list's items (*su and sudo*).
        if english, isNameOrList(text, words: words, first: first, last: last) { return false }
        // Without a list for the expected language, nor a window with a word of that language's
        // (judged before the identifiers: each call costs).
        if expectedBit == nil, lexicon != nil, holdsHomeWord(text, words: words, first: first, last: last, accepted: accepted) { return false }
        switch evidence {
        case .oneLetterFunctionWords:
            guard identifier.probability(of: accepted, in: stretch) < oneLetterProbability || identifiersAgree(stretch, accepted: accepted) else {
                return false
            }
        case .foreignFunctionWords:
            guard identifier.probability(of: accepted, in: stretch) < functionWordsProbability, identifiersReject(stretch, accepted: accepted),
                Self.spacesOnly(text, words: words, first: first, last: last)
            else { return false }
        case .pair:
            guard identifier.probability(of: accepted, in: stretch) < pairProbability || identifiersAgree(stretch, accepted: accepted) else {
                return false
            }
        case .suspiciousWords, .unwrittenPair:
            break
        }
        let prose = english && distinct >= 3 && readsAsProse(text, words: words, first: first, last: last)
        // Lower-case words with spaces between (not a list, not a name) may be judged by CLD2 alone.
        let nameless = !(first...last).contains { words[$0].name }
        let plain = nameless && Self.spacesOnly(text, words: words, first: first, last: last)
        let englishFunctionWord = Self.hasEnglishFunctionWord(words, first: first, last: last)
        // Outside English, English words only, two of them long, need no guess from CLD2 (judged
        // only when the identifiers have not found the window foreign: each call costs).
        guard
            prose
                ? isForeignProse(stretch, accepted: accepted)
                : isForeign(stretch, accepted: accepted, plain: plain, englishFunctionWord: englishFunctionWord, nameless: nameless)
                    || (!english && longEnglishWords(text, words: words, first: first, last: last)
                        && identifier.probability(of: accepted, in: stretch) < maximumExpectedProbability
                        && confirmer?.identify(stretch)?.code == "un")
        else { return false }
        if english, points < strongPoints,
            !(foreignFunctionWordsOnly(words, first: first, last: last) && identifiersReject(stretch, accepted: accepted))
        {
            let tight = suspicious == distinct && (first...last).allSatisfy { words[$0].suspicious || isFunctionWord(words[$0]) }
            guard staysForeign(text, words: words, first: first, last: last, accepted: accepted, tight: tight) else { return false }
        }
        // Without a list for the expected language, English words marked the window, and only
        // English is judged.
        if expectedBit == nil, lexicon != nil {
            // fastText's compressed model knows little short technical English: when it names
            // another language, CLD2 may name English instead, with an English function word there
            // (unable *to* parse); or, for English words only, two of them long (*database to
            // dump*, not *No hi ha*), reliably or with no guess at all.
            if identifier.identify(stretch)?.primary != "en" {
                guard let guess = confirmer?.identify(stretch), guess.primary == "en" || guess.code == "un",
                    Self.spacesOnly(text, words: words, first: first, last: last)
                else { return false }
                let englishFunctionWord = (first...last).contains { words[$0].onlyEnglishFunction && words[$0].letters >= 2 }
                let long = longEnglishWords(text, words: words, first: first, last: last)
                guard guess.code == "un" ? long : englishFunctionWord || (guess.reliable && long) else { return false }
            }
        }
        return true
    }

    /// Without a list for the expected language (where English words marked the window), whether
    /// the window holds a word likelier the expected language's own than part of an English phrase:
    /// a function word English lacks (file *de* configuration: Interlingua), or a word English's
    /// dictionary and word frequencies both lack that another language's list or the expected
    /// language's frequencies have (Interlingua's *incorrecte*, Asturian's *fallu*, Malay's
    /// *sekeliling*); the technical words of an English phrase (*checksum*, *rebase*) are in
    /// English's frequencies.
    func holdsHomeWord(_ text: String, words: [Word], first: Int, last: Int, accepted: Set<String>) -> Bool {
        if (first...last).contains(where: { words[$0].foreignFunction != 0 && !words[$0].english }) { return true }
        guard let wordFrequencies else { return false }
        return (first...last).contains { index in
            guard !words[index].english else { return false }
            let word = WordFrequencies.Lookup(text[words[index].start..<words[index].end])
            return wordFrequencies.lists(word, in: "en") == false
                && (!words[index].unlisted || accepted.contains { wordFrequencies.lists(word, in: $0) == true })
        }
    }

    /// In English, whether a window of ``minimumWords`` words holds two suspicious words English
    /// never writes.
    ///
    /// English's ``wordFrequencies`` lack them (they list loanwords and technical terms down to a
    /// few uses in a billion words); they are lower-case words of prose, three letters or more
    /// each and a vowel (not *hwdb*), spaces only between the words (*a savou drovi*, *a fewnosodir
    /// rhwng*). English before them, even *a*, is then no loanword's article (*a bon appétit*:
    /// English writes *bon* and *appétit*).
    func isUnwrittenPair(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        guard last - first + 1 == minimumWords, let wordFrequencies, Self.spacesOnly(text, words: words, first: first, last: last) else {
            return false
        }
        return (first...last).allSatisfy { index in
            let word = words[index]
            guard word.suspicious else { return true }
            let spelling = text[word.start..<word.end]
            return !word.name && word.plain && word.letters >= 3 && spelling.unicodeScalars.contains(where: Self.isVowel)
                && wordFrequencies.lists(WordFrequencies.Lookup(spelling), in: "en") == false
        }
    }

    /// What the window's words give it to be judged by, if anything.
    func evidence(_ words: [Word], first: Int, last: Int, distinct: Int, repeats: Bool, english: Bool) -> WindowEvidence? {
        guard english else { return distinct >= 2 ? .suspiciousWords : nil }
        if distinct >= englishWindowWords { return .suspiciousWords }
        if distinct == 1, !repeats, last - first + 1 == minimumWords {
            // The other two: function words of one language, not English ones (non *è* installata).
            let others = (first...last).lazy.filter { !words[$0].suspicious }
            let shared = others.reduce(UInt16.max) { $0 & words[$1].foreignFunction }
            if shared != 0, others.allSatisfy({ !words[$0].englishFunction && !words[$0].englishLetter }) { return .foreignFunctionWords }
            return nil
        }
        guard distinct == 2, !repeats else { return nil }
        // Two suspicious words, one a name, are a name beside a term (*libbfd ABI Pará*).
        if (first + 1...last).contains(where: { words[$0].suspicious && words[$0].name }) { return nil }
        let others = (first...last).lazy.filter { !words[$0].suspicious }
        if others.allSatisfy({ functionWordLetters.contains(words[$0].letters) }) { return .suspiciousWords }
        if others.allSatisfy({ isFunctionWord(words[$0]) }) { return .oneLetterFunctionWords }
        // Not beside *a* or *I*: English before a loanword pair (a bon appétit).
        if last - first + 1 == minimumWords, !others.contains(where: { words[$0].englishLetter }) { return .pair }
        return nil
    }

    /// A function word of a phrase: ``functionWordLetters`` letters, or one letter English does not
    /// use alone (i, e, o, s, z: *për faqen e*).
    func isFunctionWord(_ word: Word) -> Bool {
        functionWordLetters.contains(word.letters) || (word.letters == 1 && !word.englishLetter)
    }

    /// Whether every word of the window is an English-list word, with spaces only between them
    /// (not a list such as `y,n,q`).
    static func englishWordsOnly(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        (first...last).allSatisfy { words[$0].english } && spacesOnly(text, words: words, first: first, last: last)
    }

    /// Whether every word of the window is an English-list word, in no list (a technical term) or a name,
    /// two of them English-list words and one of those lower-case (not a title: Presentation
    /// OpenOffice Impress), with spaces only between them.
    static func englishOrUnlistedWords(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        (first...last).allSatisfy { words[$0].english || words[$0].unlisted || words[$0].name }
            && (first...last).filter({ words[$0].english }).count >= 2
            && (first...last).contains { words[$0].english && text[words[$0].start].isLowercase }
            && spacesOnly(text, words: words, first: first, last: last)
    }

    /// Whether the window is English-list words only (``englishWordsOnly(_:words:first:last:)``),
    /// two of them of ``longEnglishWordLetters`` letters or more (*database to dump*, not *No hi
    /// ha*).
    func longEnglishWords(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        Self.englishWordsOnly(text, words: words, first: first, last: last)
            && (first...last).filter({ words[$0].letters >= longEnglishWordLetters }).count >= 2
    }

    /// Whether a comma separates every two words from the window's first suspicious word to its
    /// last, three words at least (fsm, vm, init).
    static func isList(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        guard let from = (first...last).first(where: { words[$0].suspicious }),
            let to = (first...last).last(where: { words[$0].suspicious }), to - from >= 2
        else { return false }
        return (from..<to).allSatisfy { index in text[words[index].end..<words[index + 1].start].contains(",") }
    }

    /// Whether a quotation mark stands between the words `first...last` or right before or after
    /// them.
    static func isQuoted(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        if (first..<last).contains(where: { index in text[words[index].end..<words[index + 1].start].contains(where: isQuotationMark) }) {
            return true
        }
        let before = words[first].start > text.startIndex ? text[text.index(before: words[first].start)] : " "
        let after = words[last].end < text.endIndex ? text[words[last].end] : " "
        return isQuotationMark(before) || isQuotationMark(after)
    }

    /// Straight, typographic and angle quotation marks, and the backtick.
    static func isQuotationMark(_ character: Character) -> Bool {
        switch character {
        case "\"", "'", "`", "\u{201C}", "\u{201D}", "\u{201E}", "\u{2018}", "\u{2019}", "\u{AB}", "\u{BB}": return true
        default: return false
        }
    }

    /// In English, whether the words `first...last` are a name or a title: two capitalised words
    /// or more English lacks and, of the others English lacks, short words only (Bahía de Banderas,
    /// Santa Inés); a phrase has a lower-case word of three letters or more that English lacks.
    static func isName(_ words: [Word], first: Int, last: Int) -> Bool {
        !(first...last).contains { words[$0].points == 2 && words[$0].letters >= 3 }
            && (first...last).filter({ words[$0].points == 1 }).count >= 2
    }

    /// In English, whether the words `first...last`, with the capitalised words English lacks
    /// beside them (and a short word between two of them), are a name (``isName(_:first:last:)``):
    /// numeric *Bahía de* Banderas.
    static func isPartOfName(_ words: [Word], first: Int, last: Int) -> Bool {
        let extent = nameExtent(words, first: first, last: last)
        return extent != first...last && isName(words, first: extent.lowerBound, last: extent.upperBound)
    }

    /// The words `first...last` with the capitalised words English lacks beside them, and a word
    /// of three letters or fewer between two of them (*de* of Bahía de Banderas): the name they
    /// are part of, if any.
    static func nameExtent(_ words: [Word], first: Int, last: Int) -> ClosedRange<Int> {
        var from = first
        var to = last
        while from > 0 {
            if words[from - 1].points == 1 {
                from -= 1
            } else if from > 1, words[from - 1].letters <= 3, words[from - 2].points == 1, words[from].points == 1 {
                from -= 2
            } else {
                break
            }
        }
        while to < words.count - 1 {
            if words[to + 1].points == 1 {
                to += 1
            } else if to < words.count - 2, words[to + 1].letters <= 3, words[to + 2].points == 1 {
                to += 2
            } else {
                break
            }
        }
        return from...to
    }

    /// Whether a space separates each two words of the window, or a comma or colon and a space
    /// one of them (*warning: unhandled type*; not quotes, brackets or `;`: *amp; quot; lt*; not
    /// a list: *Helvetica, Times, Monospace*).
    static func clausePunctuationOnly(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        var punctuated = 0
        for index in first..<last {
            let gap = text[words[index].end..<words[index + 1].start]
            if gap == " " { continue }
            guard gap.count == 2, gap.last == " ", gap.first == "," || gap.first == ":" else { return false }
            punctuated += 1
        }
        return punctuated <= 1
    }

    /// Whether only spaces separate the words `first...last` (not commas, quotes or brackets: a list).
    static func spacesOnly(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        (first..<last).allSatisfy { index in text[words[index].end..<words[index + 1].start].allSatisfy { $0 == " " } }
    }

    /// Outside English, whether both identifiers recognise English in a stretch: the identifier
    /// gives English at least ``englishProbability`` and the accepted languages less than
    /// ``maximumExpectedProbability``, and the confirmer names English or has no evidence.
    func isEnglish(_ stretch: Substring, accepted: Set<String>) -> Bool {
        guard identifier.probability(of: ["en"], in: stretch) >= englishProbability,
            identifier.probability(of: accepted, in: stretch) < maximumExpectedProbability
        else { return false }
        guard let confirmer else { return true }
        guard let guess = confirmer.identify(stretch) else { return false }
        return guess.primary == "en" || guess.code == "un"
    }

    /// Whether every unsuspicious word of a window is a function word (``isFunctionWord(_:)``)
    /// that is not an English function word (*nu* poate fi, not *the* bon appétit).
    func foreignFunctionWordsOnly(_ words: [Word], first: Int, last: Int) -> Bool {
        (first...last).allSatisfy { words[$0].suspicious || (isFunctionWord(words[$0]) && !words[$0].englishFunction) }
    }

    /// Whether both identifiers name the same language first, not an accepted one, and the
    /// identifier gives the accepted ones less than ``maximumExpectedProbability``.
    func identifiersAgree(_ stretch: Substring, accepted: Set<String>) -> Bool {
        guard identifier.probability(of: accepted, in: stretch) < maximumExpectedProbability,
            let first = identifier.identify(stretch), let second = confirmer?.identify(stretch)
        else { return false }
        return first.primary == second.primary && !accepted.contains(first.primary) && first.code != "un"
    }

    /// Whether both identifiers name a language first, neither an accepted one, and the identifier
    /// gives the accepted ones less than ``maximumExpectedProbability``.
    func identifiersReject(_ stretch: Substring, accepted: Set<String>) -> Bool {
        let probability = identifier.probability(of: accepted, in: stretch)
        guard probability < maximumExpectedProbability,
            let first = identifier.identify(stretch), let second = confirmer?.identify(stretch)
        else { return false }
        // A confirmer with no evidence either way leaves the identifier to judge alone, more strictly.
        if second.code == "un" { return probability < unconfirmedProbability && !accepted.contains(first.primary) }
        return !accepted.contains(first.primary) && !accepted.contains(second.primary) && first.code != "un"
    }

    /// Whether a window reads as a phrase of prose rather than a list of identifiers: every word
    /// suspicious and lower-case (the first may be capitalised), of ``proseWordLetters`` letters or
    /// more, or a function word between two of them; each with a vowel and a quarter of their
    /// letters vowels at least (not `vaddr`, `sgn`), spaces only between (not `stderr, syslog, csvlog`).
    func readsAsProse(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        var vowels = 0
        var letters = 0
        for index in first...last {
            let word = words[index]
            // A function word between two suspicious ones (fhreagras ris *an* aithnichear).
            if index != first, index != last, !word.suspicious, isFunctionWord(word), !word.englishLetter,
                text[word.start].isLowercase
            {
                continue
            }
            guard word.points == 2 || (index == first && word.points == 1), word.letters >= proseWordLetters else { return false }
            var wordVowels = 0
            for scalar in text[word.start..<word.end].unicodeScalars where Self.isVowel(scalar) { wordVowels += 1 }
            guard wordVowels > 0 else { return false }
            vowels += wordVowels
            letters += word.letters
        }
        return vowels * 4 >= letters && Self.spacesOnly(text, words: words, first: first, last: last)
    }

    /// The looser test of a prose window: foreign unless an identifier calls it expected.
    ///
    /// It is expected when the confirmer names one of the accepted languages; when the identifier
    /// gives them ``confirmedProseProbability`` or more; from ``proseExpectedProbability``, unless
    /// the confirmer names another language; below, when the identifier names one of them first
    /// and the confirmer has no guess. The identifiers know few of the languages a broken platform
    /// may emit (Xhosa, Scottish Gaelic, Walloon), and words in no English list that read as prose
    /// are evidence enough.
    func isForeignProse(_ stretch: Substring, accepted: Set<String>) -> Bool {
        let probability = identifier.probability(of: accepted, in: stretch)
        guard probability < confirmedProseProbability else { return false }
        let confirmed = confirmer?.identify(stretch)
        if let confirmed, accepted.contains(confirmed.primary) { return false }
        if probability >= proseExpectedProbability, confirmed.map({ $0.code == "un" }) ?? true { return false }
        // Below half, the identifier's best guess may still be the expected language: the confirmer
        // must then name another.
        if let guess = identifier.identify(stretch), accepted.contains(guess.primary) {
            return confirmed.map { $0.code != "un" } ?? false
        }
        return true
    }

    /// The language a window is in by how often each language uses its words, if it is another's.
    ///
    /// The window is ``minimumWords`` plain words, none repeated (*git, git, git*), spaces between
    /// and a comma or colon with one at most (``clausePunctuationOnly(_:words:first:last:)``); the identifier gives the accepted
    /// languages less than ``frequencyExpectedProbability``; and, by ``wordFrequencies``:
    /// - in English, with a suspicious word, no name inside (a capitalised word may only start the
    ///   window: *Of die kolom*, not *preprocessor Bahía de*) and no word of an English
    ///   expression, when some other language uses its words ``frequencyExcess`` Zipf units more
    ///   in all (*pour la base*, *in op de*: words English dictionaries list too);
    /// - outside English, when English uses them ``englishFrequencyExcess`` more than the expected
    ///   language (*the default value*; ``frequencyHome(of:)``), quoted words excepted.
    ///
    /// Either way, two of the words must each be used more there than in the expected language (one
    /// very foreign word beside two English ones is a loanword, not a phrase).
    ///
    /// - Returns: That language (English outside English), or `nil` when the window is not such a phrase.
    func languageUsingMore(_ text: String, words: [Word], first: Int, last: Int, accepted: Set<String>, expected: String) -> String? {
        let english = expected == "en"
        // The cheap tests first: most windows fail one.
        guard let wordFrequencies, last - first + 1 == minimumWords,
            !english || ((first...last).contains(where: { words[$0].suspicious }) && !(first + 1...last).contains(where: { words[$0].name })),
            (first...last).allSatisfy({ words[$0].plain && !words[$0].inExpression }),
            Self.clausePunctuationOnly(text, words: words, first: first, last: last)
        else { return nil }
        let lookups = (first...last).map { WordFrequencies.Lookup(text[words[$0].start..<words[$0].end]) }
        // A repeated word is no phrase (git, git, git).
        guard !lookups.indices.contains(where: { i in lookups[..<i].contains { $0.whole == lookups[i].whole } }) else { return nil }
        let language: String
        if english {
            guard let best = wordFrequencies.excess(of: lookups, over: "en", atLeast: frequencyExcess),
                wordFrequencies.countUsedMore(lookups, in: best.language, over: "en") >= 2
            else { return nil }
            language = best.language
        } else {
            guard let home = frequencyHome(of: expected),
                let advantage = wordFrequencies.advantage(of: lookups, in: "en", over: home), advantage >= englishFrequencyExcess,
                wordFrequencies.countUsedMore(lookups, in: "en", over: home) >= 2
            else { return nil }
            language = "en"
        }
        return identifier.probability(of: accepted, in: text[words[first].start..<words[last].end]) < frequencyExpectedProbability ? language : nil
    }

    /// Whether English uses the window's words more than the expected language does, by
    /// ``wordFrequencies`` (words both lists have): each of them (*to system time* in Polish), or
    /// all but one and the words in all by ``englishAdvantage`` Zipf units or more (*in the
    /// buffer* in Dutch, which uses *in* a little more; not *in map is*); `true` without
    /// frequencies for the expected language.
    func englishUsesMore(_ text: String, words: [Word], first: Int, last: Int, expected: String) -> Bool {
        guard let wordFrequencies, let home = frequencyHome(of: expected) else { return true }
        let lookups = (first...last).map { WordFrequencies.Lookup(text[words[$0].start..<words[$0].end]) }
        let more = wordFrequencies.countUsedMore(lookups, in: "en", over: home)
        if more == lookups.count { return true }
        return more == lookups.count - 1 && (wordFrequencies.advantage(of: lookups, in: "en", over: home) ?? 0) >= englishAdvantage
    }

    /// The expected language's, or a language judged the same's, in ``wordFrequencies`` (never a
    /// language the identifier named the answer for an expected language it does not know).
    func frequencyHome(of expected: String) -> String? {
        guard let wordFrequencies else { return nil }
        return Self.equivalents(of: expected).sorted().first { wordFrequencies.index(of: $0) != nil }
    }

    /// In English, whether the words `first...last` are a name (``isName(_:first:last:)``), a part
    /// of one (``isPartOfName(_:first:last:)``), the edge of one with too little beside it
    /// (``isEdgeOfName(_:words:first:last:)``), a name beside a technical term
    /// (``isNameBesideTerm(_:words:first:last:)``) or a list's items
    /// (``isEnglishList(_:words:first:last:)``): never a phrase, judged by window or by run.
    func isNameOrList(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        Self.isName(words, first: first, last: last) || Self.isPartOfName(words, first: first, last: last)
            || Self.isEdgeOfName(text, words: words, first: first, last: last) || isNameBesideTerm(text, words: words, first: first, last: last)
            || Self.isEnglishList(text, words: words, first: first, last: last)
    }

    /// In English, whether the window takes the edge of a name that runs on past it, with too
    /// little beside it to be a phrase.
    ///
    /// The name is a ``nameExtent(_:first:last:)`` of two capitalised words English lacks or more;
    /// its words set aside, the window has fewer than two distinct suspicious words: *de Banderas target ccache* of Bahía de Banderas, *Pomozov,
    /// Auke* of a list of names. A name the window holds whole is ``isName(_:first:last:)``'s to judge
    /// (a title-case phrase holds capitalised words too: *Regeln aus Konfiguration*).
    static func isEdgeOfName(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        var inName: [Bool] = Array(repeating: false, count: last - first + 1)
        var index = first
        while index <= last {
            guard words[index].points == 1 else {
                index += 1
                continue
            }
            let run = nameExtent(words, first: index, last: index)
            let capitalised = run.lazy.filter { words[$0].points == 1 }.count
            if capitalised >= 2, run.lowerBound < first || run.upperBound > last {
                for member in max(run.lowerBound, first)...min(run.upperBound, last) { inName[member - first] = true }
            }
            index = run.upperBound + 1
        }
        guard inName.contains(true) else { return false }
        var others: [Substring] = []
        for index in first...last where words[index].suspicious && !inName[index - first] {
            let word = text[words[index].start..<words[index].end]
            if !others.contains(word) { others.append(word) }
            if others.count >= 2 { return false }
        }
        return true
    }

    /// In English, whether the window's suspicious words are names, one of them with a letter
    /// beyond ASCII, and at most one lower-case ASCII word that no list and no language's
    /// frequencies have: a place name beside a technical term (*Nuevo León relocs*, *Tucumán in
    /// giochannelreadtoend*), not a title-case phrase (*Yazı Növü izahatı*, whose lower-case word
    /// has a letter beyond ASCII; *Elona xabiso liphezulu*, no name with one).
    func isNameBesideTerm(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        guard let wordFrequencies else { return false }
        let suspicious = (first...last).filter { words[$0].suspicious }
        let beyondASCII = { (index: Int) in text[words[index].start..<words[index].end].utf8.contains { $0 >= 0x80 } }
        guard suspicious.contains(where: { words[$0].name && beyondASCII($0) }), suspicious.filter({ !words[$0].name }).count <= 1 else {
            return false
        }
        return suspicious.allSatisfy { index in
            if words[index].name { return true }
            let word = text[words[index].start..<words[index].end]
            return words[index].unlisted && word.first?.isLowercase == true && !beyondASCII(index)
                && wordFrequencies.highestValue(WordFrequencies.Lookup(word)) <= wordFrequencies.absent
        }
    }

    /// In English, whether the window's words from its first suspicious one to its last are items
    /// of a list.
    ///
    /// Items are one word each, or up to three capitalised ones (a name), separated by commas or by
    /// *and* or *or*; three items or more, counting a comma before the first or a comma or
    /// conjunction after the last (a list the window is part of), or two joined by *and* or *or*
    /// (*su and sudo*, *chcon, du, and rm*, *Anders Jonsson, Karl Ove Hufthammer*). Words each with a comma after them are
    /// ``isList(_:words:first:last:)``.
    static func isEnglishList(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        guard let from = (first...last).first(where: { words[$0].suspicious }),
            let to = (first...last).last(where: { words[$0].suspicious }), to > from
        else { return false }
        var items = 1
        var conjunction = false
        var itemWords = 1
        var itemCapitalised = text[words[from].start].isUppercase
        var index = from
        while index < to {
            let gap = text[words[index].end..<words[index + 1].start]
            let comma = gap.contains(",")
            guard gap.allSatisfy({ $0 == " " || (comma && $0 == ",") }) else { return false }
            // A new item after a comma or a conjunction, else the item's next word.
            var separated = comma
            if ["and", "or"].contains(text[words[index + 1].start..<words[index + 1].end]) {
                index += 1
                conjunction = true
                separated = true
                guard index < to, text[words[index].end..<words[index + 1].start].allSatisfy({ $0 == " " }) else { return false }
            }
            if separated {
                items += 1
                itemWords = 1
                itemCapitalised = text[words[index + 1].start].isUppercase
            } else {
                itemWords += 1
                itemCapitalised = itemCapitalised && text[words[index + 1].start].isUppercase
                guard itemWords <= 3, itemCapitalised else { return false }
            }
            index += 1
        }
        // A list that goes on past the window: a comma before its first item (before the name the
        // first word begins) or after its last.
        var start = from
        while start > 0, start > from - 3, text[words[from].start].isUppercase, text[words[start - 1].start].isUppercase,
            text[words[start - 1].end..<words[start].start] == " "
        {
            start -= 1
        }
        if start > 0, text[words[start - 1].end..<words[start].start].contains(",") { items += 1 }
        if to < words.count - 1, text[words[to].end..<words[to + 1].start].contains(",") { items += 1 }
        // Or a conjunction after its last item (*sudo, su and* …).
        if to < words.count - 1, ["and", "or"].contains(text[words[to + 1].start..<words[to + 1].end]),
            text[words[to].end..<words[to + 1].start].allSatisfy({ $0 == " " })
        {
            items += 1
            conjunction = true
        }
        return items >= 3 || (items == 2 && conjunction)
    }

    /// Whether a bracket, a vertical bar, or a dash or bullet between spaces, stands between two of
    /// the window's words: they belong to two items of a changelog or a list (*(Kalev Lember) -
    /// zypp*), to two alternatives of a usage line (*sigspec | -n signum*), or to a sentence and its
    /// aside (*submódulo (los siguientes commits*), not to one phrase.
    static func crossesItemBoundary(_ text: String, words: [Word], first: Int, last: Int) -> Bool {
        (first..<last).contains { index in
            let gap = text.utf8[words[index].end..<words[index + 1].start]
            // Most gaps are one space.
            if gap.count == 1, gap.first == 0x20 { return false }
            if gap.contains(where: { bracketBytes.contains($0) }) { return true }
            return gap.first == 0x20 && gap.last == 0x20 && itemMarks.contains(gap.filter { $0 != 0x20 })
        }
    }

    /// The UTF-8 of `(`, `)`, `[`, `]`, `{`, `}`, `|`.
    private static let bracketBytes: [UInt8] = Array("()[]{}|".utf8)
    /// The UTF-8 of the marks that part items when spaces stand either side: dashes and bullets.
    private static let itemMarks: [[UInt8]] = ["-", "*", "\u{2013}", "\u{2014}", "\u{2022}"].map { Array($0.utf8) }
}
