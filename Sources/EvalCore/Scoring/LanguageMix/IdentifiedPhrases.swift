/// Latin-script phrases of another language, judged by a multilingual ``LanguageIdentifier``.
///
/// Word lists only mark where to look. A word is *suspicious* when the expected language's list
/// lacks it, or, for a language without a list, when it is an English word (English is then the
/// only intrusion judged); it is worth 2 points, 1 when capitalised inside a sentence (a name?).
/// In English, the words of a multi-word expression a dictionary lists (``englishExpressions``:
/// joie de vivre, modus operandi, et cetera) are not suspicious, nor those of an expression's
/// tail holding a suspicious word of four letters or more (*soupe du jour*, by *soup du jour*).
///
/// A stretch is a phrase of another language when the identifier gives the expected language (and
/// its ``groups`` neighbours) a probability below ``maximumExpectedProbability`` and the
/// ``confirmer`` also finds it foreign (or, when the confirmer has no evidence either way, below
/// ``unconfirmedProbability``). Each identifier may overrule the other when it is sure: the
/// identifier below ``overrulingProbability`` (CLD2 names English for much short text it cannot
/// place), the confirmer, reliable, below ``overruledProbability`` on a plain window (fastText
/// knows little of Albanian or Gaelic), or below ``sharedOverruledProbability`` on a window
/// without names when fastText gives the confirmer's language ``sharedLanguageProbability``. Stretches are judged in two ways:
///
/// - Windows of ``minimumWords`` to ``longestWindow`` words, shortest first (adjacent phrases
///   merge; see ``windowSpans(_:words:accepted:expected:expectedBit:lexicon:functionWordsOnly:)`` for what a window
///   needs). Outside English, a window of English words only is also a phrase when both identifiers
///   recognise English in it (*is not a*, *and up to*: too short for the word-list test).
/// - In English, when no window is a phrase, runs of suspicious words: at most ``maximumGap`` other
///   words apart, spanning ``minimumWords`` words (a repeated word counts once) and worth
///   ``minimumPoints``; the first stretch, trimming up to two words off each end, that both
///   identifiers find foreign.
///
/// In English, a stretch worth less than ``strongPoints`` must stay that unlikely with ``context``
/// words either side, so that a loanword stays in its sentence; a *tight* stretch (its suspicious
/// words, each once, and function words only, from a suspicious word to a suspicious word) may
/// keep that context on one side only, as a phrase at the edge of a clause does. A stretch whose
/// other words are function words English lacks (*nu* poate fi) needs no context when both
/// identifiers reject it.
///
/// With ``wordFrequencies``, in English, a lower-case word English uses more than any other
/// language does, and at least ``jargonZipf``, is English however its list lacks it (*tooltip*,
/// *preload*), as is one English uses at least ``loanwordZipf`` that is no other language's
/// function word (*vita* of *dolce vita*, *c'est*), as is an accented word English writes whose bare spelling its list has
/// (``isAccentedEnglish(_:word:lexicon:)``: *résumé*); two words English never writes make a window of three
/// (``isUnwrittenPair(_:words:first:last:)``); and a window of three words may also be a phrase by how much more another
/// language uses its words than the expected one (``languageUsingMore(_:words:first:last:accepted:expected:)``):
/// English dictionaries list many short words of other languages (*la*, *est*, *op*, *die*).
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
    /// English multi-word expressions (WordNet's, GCIDE's, FreeDict's): in English, their words are never
    /// suspicious, so a loanword phrase (joie de vivre, modus operandi) stays part of the sentence.
    public var englishExpressions: Collocations?
    /// How often words are used in each language (wordfreq's lists): a window of words English
    /// dictionaries list too (*pour la base*, *in op de*) may still be a phrase of a language that
    /// uses them far more (see ``languageUsingMore(_:words:first:last:accepted:expected:)``).
    public var wordFrequencies: WordFrequencies?
    /// Words of technical prose no dictionary has (*git*, *stdin*, *submodule*): in English, a
    /// lower-case one of ``technicalWordLetters`` letters or more that is no other language's
    /// function word is English's (see ``isTechnicalWord(_:word:)``); outside English, such a
    /// word with a vowel counts as an English word (``isTechnicalEnglishWord(_:word:)``).
    public var technicalWords: TechnicalWords?
    /// The letters from which a word of ``technicalWords`` is English's (3: *git*, *tty*, *pid*).
    public var technicalWordLetters = 3
    /// In English, the letters from which an accented word English's list has bare may be a
    /// loanword (5: *résumé*, *naïve*; not *für* or *på*), see ``isAccentedEnglish(_:word:lexicon:)``.
    public var accentedLetters = 5
    /// In English, the Zipf units by which another language must out-use English over a window's
    /// words (4: ten thousand times as often, over three words).
    public var frequencyExcess = 4.0
    /// Outside English, the Zipf units by which English must out-use the expected language (3: a
    /// thousand times as often, over three words; other languages' lists, from web text, have
    /// much English: Czech's has *be* and *valid*).
    public var englishFrequencyExcess = 3.0
    /// In English, the Zipf value from which a lower-case word English's list lacks but English uses
    /// more than any other language with frequencies is English (2: a hundred times in a billion
    /// words; technical terms: *tooltip* 2.1, *preload* 2.4, *boolean* 3.0), see
    /// ``isEnglishJargon(_:word:)``.
    public var jargonZipf = 2.0
    /// In English, the Zipf value from which a lower-case word English's list lacks is English
    /// however much more another language uses it, unless it is a function word of one (3.5, about
    /// three times in a million words: loanwords English writes, *vita* 3.5, *c'est* 4.1; not
    /// Spanish and Portuguese *para*, 3.9), see ``isEnglishJargon(_:word:)``.
    public var loanwordZipf = 3.5
    /// Outside English, the Zipf units by which English must out-use the expected language over a
    /// window of words both lists have when the expected language uses one of them more (1.5:
    /// *in the buffer* in Dutch, 2.4), see ``englishUsesMore(_:words:first:last:expected:)``.
    public var englishAdvantage = 1.5
    /// The probability of the accepted languages below which a window judged by word frequencies is foreign.
    public var frequencyExpectedProbability = 0.5
    /// Points a candidate needs (2 per suspicious word, 1 per suspicious capitalised word).
    public var minimumPoints = 3
    /// Unsuspicious words allowed between two suspicious ones of a candidate.
    public var maximumGap = 1
    /// Words of context identified with a weak candidate, each side.
    public var context = 1
    /// Points above which a candidate is judged alone; below, its context must agree.
    public var strongPoints = 5
    /// The probability of the expected language below which a weak candidate with its context
    /// stays foreign when the confirmer, reliable, names another language for it.
    public var confirmedContextProbability = 0.5
    /// The probability of the expected language (and its group) below which a stretch is foreign.
    public var maximumExpectedProbability = 0.10
    /// The probability of the expected language below which a stretch is foreign when the
    /// ``confirmer`` has no evidence either way (it answers `un`).
    public var unconfirmedProbability = 0.02
    /// The probability of English below which the identifier, sure of another language
    /// (``overrulingPercent``), overrules a confirmer that names English: CLD2 names English for
    /// much short text it cannot place (*Documento de intercambio*).
    public var overrulingProbability = 0.01
    /// The percentage of its best guess from which the identifier is sure of it.
    public var overrulingPercent = 30
    /// In English, the probability below which one suspicious word between two function words of
    /// another language (non *è* installata) is a phrase, when both identifiers reject it.
    public var functionWordsProbability = 0.01
    /// ``overrulingProbability`` and ``unconfirmedProbability`` for a plain window (lower-case
    /// words, spaces between: not a list, not a name).
    public var plainOverrulingProbability = 0.05
    /// In English, the probability below which a plain window is foreign when the confirmer,
    /// reliable and sure (``overrulingPercent``), names another language (*ky veprim duhet*:
    /// fastText knows little Albanian).
    public var overruledProbability = 0.3
    /// In English, the probability below which CLD2, reliable and sure (``overrulingPercent``) of
    /// another language, overrules fastText on a window without names when fastText gives that
    /// language ``sharedLanguageProbability`` or more (Gaelic *aplacaid a mholamaid ann*, which
    /// fastText's compressed model gives English 37%).
    public var sharedOverruledProbability = 0.5
    /// The probability fastText must give the language CLD2 names for ``sharedOverruledProbability``.
    public var sharedLanguageProbability = 0.05
    /// Letters the candidate's suspicious words need together.
    public var minimumLetters = 5
    /// Outside English, the letters of a long English word: a window of English words only that
    /// CLD2 has no guess for (or, in a language without a list, reliably calls English) needs two.
    public var longEnglishWordLetters = 4
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
    /// In English, the probability below which a window of two suspicious words and one-letter
    /// function words (për faqen e, jednego komponentu z) is foreign: stricter, since a one-letter
    /// word is weak evidence of anything.
    public var oneLetterProbability = 0.05
    /// In English, the probability below which three words, two of them suspicious and the third
    /// any word (iniciar uma nova, sebagai pengguna lain), are foreign: much stricter, since the
    /// third word is English to the list.
    public var pairProbability = 0.003
    /// The probability of the accepted languages below which a prose window
    /// (``readsAsProse(_:words:first:last:)``) is foreign.
    public var proseExpectedProbability = 0.5
    /// The probability of the accepted languages below which a prose window is foreign when the
    /// confirmer names another language.
    public var confirmedProseProbability = 0.7
    /// The letters of each word of a prose window, at least.
    public var proseWordLetters = 3
    /// Outside English, the probability of English from which a window of English words is
    /// English, when the expected language's is below ``maximumExpectedProbability``.
    public var englishProbability = 0.10
    /// Outside English, the probability of English from which a window of English words and words
    /// no list has (*Transport endpoint is*) is English, when the confirmer agrees.
    public var unlistedEnglishProbability = 0.5
    /// Outside English, the letters from which a word both lists have is worth a point.
    static let sharedWordLetters = 3

    public init(identifier: any LanguageIdentifier, confirmer: (any LanguageIdentifier)? = nil, englishExpressions: Collocations? = nil) {
        self.identifier = identifier
        self.confirmer = confirmer
        self.englishExpressions = englishExpressions
    }

    /// Finds the phrases.
    ///
    /// - Parameters:
    ///   - text: The answer.
    ///   - expected: The expected language's profile (Latin-script).
    ///   - lexicon: Word lists for the suspicion test.
    ///   - functionWordsOnlyAround: When the scan marked one word, where it is: only its line is
    ///     read, and only one suspicious word between function words of another language is judged
    ///     (``WindowEvidence/foreignFunctionWords``).
    /// - Returns: The spans found, in text order.
    public func spans(
        in text: String, expected: LanguageProfile, lexicon: Lexicon?, functionWordsOnlyAround marked: String.Index? = nil
    ) -> [LanguageMixSpan] {
        let functionWordsOnly = marked != nil
        let expectedBit = lexicon?.bit(of: expected.code)
        let english = expected.code == "en"
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
            if let marked, !line.range.contains(marked) { continue }
            var words = Self.words(in: text, line: line.range, scalarStart: line.scalarStart, lexicon: lexicon, expectedBit: expectedBit)
            // Outside English, a technical word is an English word (*submodule*, *endianness*).
            if !english, technicalWords != nil {
                for index in words.indices where isTechnicalEnglishWord(text, word: words[index]) { words[index].english = true }
            }
            // Every candidate needs two suspicious words or more, but for English words outside
            // English, three in a row; or one beside words the frequencies may find used more
            // elsewhere (English outside English); or, in English, one between two function words
            // of another language.
            let suspicious = words.lazy.filter(\.suspicious).count
            let full = !functionWordsOnly && (suspicious >= 2 || (!english && Self.hasEnglishRun(words, length: minimumWords)))
            guard
                full
                    || (suspicious >= 1
                        && (wordFrequencies != nil || (english && words.lazy.filter({ $0.foreignFunction != 0 && !$0.englishFunction }).count >= 2)))
            else { continue }
            if english, let englishExpressions {
                // A tail (*du jour*) explains a word English lacks, of four letters or more (not *for å*).
                let hashes = words.map { Collocations.wordHash(text[$0.start..<$0.end]) }
                let covered = englishExpressions.covered(hashes: hashes) { tail in tail.contains { words[$0].suspicious && words[$0].letters >= 4 } }
                for (index, covered) in covered.enumerated() where covered {
                    words[index].points = 0
                    words[index].inExpression = true
                }
            }
            if english, wordFrequencies != nil {
                for index in words.indices
                where isEnglishJargon(text, word: words[index]) || isAccentedEnglish(text, word: words[index], lexicon: lexicon) {
                    words[index].points = 0
                }
            }
            if english, technicalWords != nil {
                for index in words.indices where isTechnicalWord(text, word: words[index]) { words[index].points = 0 }
            }
            // Windows first; in English, runs when no window is a phrase.
            let windowed = windowSpans(
                text, words: words, accepted: accepted, expected: expected, expectedBit: expectedBit, lexicon: lexicon, functionWordsOnly: !full)
            spans +=
                windowed.isEmpty && english && full
                ? runSpans(text, words: words, accepted: accepted, expectedBit: expectedBit, lexicon: lexicon) : windowed
        }
        return spans
    }

    /// Whether the identifier gives the accepted languages less than ``maximumExpectedProbability``
    /// for a stretch, and the confirmer (if any) names another language (accepted languages come
    /// whole from ``groups``, so Norwegian as `no` or `nb` is the same).
    ///
    /// On a `plain` window the thresholds of overruling are looser; with an English function word
    /// in it (`englishFunctionWord`: easier *to* read), CLD2's English is never overruled; on a
    /// `nameless` one (no capitalised word inside a sentence), CLD2 may overrule fastText when
    /// fastText gives CLD2's language some chance (``sharedLanguageProbability``).
    func isForeign(_ stretch: Substring, accepted: Set<String>, plain: Bool = false, englishFunctionWord: Bool = false, nameless: Bool = false)
        -> Bool
    {
        let probability = identifier.probability(of: accepted, in: stretch)
        guard probability < maximumExpectedProbability else {
            // CLD2, sure of a language other than English, overrules a fastText unsure of English.
            guard accepted == ["en"], probability < sharedOverruledProbability, let guess = confirmer?.identify(stretch), guess.reliable,
                guess.percent >= overrulingPercent, guess.code != "un", !accepted.contains(guess.primary)
            else { return false }
            if plain, probability < overruledProbability { return true }
            // Without names, also where fastText gives CLD2's language some chance (Gaelic
            // *aplacaid a mholamaid ann*; not a Spanish place name).
            return nameless && identifier.probability(of: Self.equivalents(of: guess.primary), in: stretch) >= sharedLanguageProbability
        }
        guard let confirmer else { return true }
        guard let guess = confirmer.identify(stretch) else { return false }
        // A confirmer with no evidence either way leaves the identifier to judge alone, more strictly.
        if guess.code == "un" { return probability < (plain ? plainOverrulingProbability : unconfirmedProbability) }
        if !accepted.contains(guess.primary) { return true }
        // CLD2 names English for much short text it has no better guess for: fastText, all but
        // excluding the accepted languages and sure of another, overrules it.
        guard guess.primary == "en", !englishFunctionWord, probability < (plain ? plainOverrulingProbability : overrulingProbability),
            let top = identifier.identify(stretch), !accepted.contains(top.primary)
        else { return false }
        return top.percent >= overrulingPercent
    }

    /// Whether words `first...last` stay unlikely in the expected language with ``context`` words
    /// either side (a loanword belongs to its sentence), or, for a `tight` stretch that starts and
    /// ends with a suspicious word, with that context on one side; with the context on both sides,
    /// the identifier may give the expected language up to ``confirmedContextProbability`` when
    /// the confirmer, reliable, names another language.
    func staysForeign(_ text: String, words: [Word], first: Int, last: Int, accepted: Set<String>, tight: Bool) -> Bool {
        let from = words[max(0, first - context)].start
        let to = words[min(words.count - 1, last + context)].end
        if tight, words[first].suspicious, words[last].suspicious,
            identifier.probability(of: accepted, in: text[from..<words[last].end]) < maximumExpectedProbability
                || identifier.probability(of: accepted, in: text[words[first].start..<to]) < maximumExpectedProbability
        {
            return true
        }
        let probability = identifier.probability(of: accepted, in: text[from..<to])
        if probability < maximumExpectedProbability { return true }
        // CLD2, reliable, may keep the stretch foreign in its context where fastText wavers.
        guard probability < confirmedContextProbability, let guess = confirmer?.identify(text[from..<to]) else { return false }
        return guess.reliable && guess.code != "un" && !accepted.contains(guess.primary)
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
        /// 0 (not suspicious), 1 (a capitalised word inside a sentence: a name?) or 2.
        var points: Int
        var letters: Int
        /// Whether the English list has the word.
        var english = false
        /// Whether the word is a one-letter word English uses alone (*a*, *I*): never taken for a
        /// function word of another language, since before a loanword it is English (a bon appétit).
        var englishLetter = false
        /// Whether English's function-word list has the word (the, of, in).
        var englishFunction = false
        /// The other languages whose function-word lists have the word.
        var foreignFunction: UInt16 = 0
        /// Whether no list has the word (a technical term, a name, a word of an unlisted language).
        var unlisted = false
        /// Whether the word is capitalised inside a sentence (a name?).
        var name = false
        /// Whether the word is a word of prose: not an acronym, camelCase or beside code's punctuation.
        var plain = true
        /// Whether the word is part of an English multi-word expression (``englishExpressions``).
        var inExpression = false
        /// Outside English, whether the expected language's list has the word too (it is worth a
        /// point as an English word both lists have: *mode*, *table*).
        var shared = false
        var suspicious: Bool { points > 0 }
        /// Whether English's function-word list has the word and no other language's has it (*the*; not *in*).
        var onlyEnglishFunction: Bool { englishFunction && foreignFunction == 0 }
    }

    /// Whether an English function word of two letters or more is among words `first...last`.
    static func hasEnglishFunctionWord(_ words: [Word], first: Int, last: Int) -> Bool {
        (first...last).contains { words[$0].englishFunction && words[$0].letters >= 2 }
    }

    /// Whether `length` words in a row are all English-list words.
    static func hasEnglishRun(_ words: [Word], length: Int) -> Bool {
        var run = 0
        for word in words {
            run = word.english ? run + 1 : 0
            if run >= length { return true }
        }
        return false
    }
}
