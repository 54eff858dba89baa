/// Finds text in the wrong script or the wrong language, in one pass over the UTF-8 bytes.
///
/// **Script intrusions**: any letter of a script the expected language is not written in, from a
/// single character inside a word upward. Latin letters are allowed everywhere (technical words,
/// names), and a single Greek letter standing alone or before a short unit (α, σ², 40 μs),
/// since those are mathematics. Digits, punctuation, symbols, emoji and combining marks belong
/// to no language.
///
/// **Same-script intrusions** (languages written in Latin script), with a ``LanguageIdentifier``:
/// the scan counts the words that would mark a candidate, and answers with two or more go to
/// ``IdentifiedPhrases``, which the identifier judges. Without one, each word is looked up in a
/// ``Lexicon``, and each other language K is tried in turn: words only K's list has count for K,
/// words only the expected language's list against it, function words most; a stretch scoring
/// enough in which K's words dominate is a phrase in K (see `findForeignPhrases` for the weights).
/// Acronyms and identifier-like words (next to `_`, `/`, `@`, digits, dotted names) count 0 and
/// capitalised words inside a sentence (names) half, so that Zürich, São Paulo, HTTP and
/// `config.yaml` never count as foreign.
///
/// Fenced code blocks and inline code are skipped: code is the code-syntax scorer's business.
public struct LanguageMixDetector: Sendable {
    /// The word lists for same-script detection; `nil` checks scripts only.
    public let lexicon: Lexicon?
    /// With an identifier, Latin-script phrases are judged by it (``IdentifiedPhrases``), the word
    /// lists only marking where to look; without one, by the word lists alone.
    public let phrases: IdentifiedPhrases?

    /// Creates a detector.
    ///
    /// - Parameters:
    ///   - lexicon: Word lists (`nil`: scripts only, unless an identifier is given).
    ///   - identifier: A multilingual identifier for Latin-script phrases.
    ///   - confirmer: A second identifier that must agree a phrase is foreign (see ``IdentifiedPhrases/confirmer``).
    ///   - englishExpressions: English multi-word expressions (see ``IdentifiedPhrases/englishExpressions``).
    ///   - wordFrequencies: How often words are used in each language (see ``IdentifiedPhrases/wordFrequencies``).
    ///   - technicalWords: Words of English technical prose (see ``IdentifiedPhrases/technicalWords``).
    public init(
        lexicon: Lexicon?, identifier: (any LanguageIdentifier)? = nil, confirmer: (any LanguageIdentifier)? = nil,
        englishExpressions: Collocations? = nil, wordFrequencies: WordFrequencies? = nil, technicalWords: TechnicalWords? = nil
    ) {
        self.lexicon = lexicon
        self.phrases = identifier.map {
            var phrases = IdentifiedPhrases(identifier: $0, confirmer: confirmer, englishExpressions: englishExpressions)
            phrases.wordFrequencies = wordFrequencies
            phrases.technicalWords = technicalWords
            return phrases
        }
    }

    /// Analyses a text.
    ///
    /// - Parameters:
    ///   - text: The answer.
    ///   - language: The expected language tag (`en`, `pt-BR`, …).
    /// - Returns: The verdict, with spans in text order.
    public func analyze(_ text: String, language: String) -> LanguageMixResult {
        guard let profile = LanguageProfile.named(language) else {
            return LanguageMixResult(passed: nil, value: 0, spans: [], language: language, note: "unknown language '\(language)'")
        }
        var expectedBit: UInt16?
        var note: String?
        // With an identifier, the scan only counts the words that mark where to look.
        var marks: (bit: UInt16, byLacking: Bool)?
        var sharedMarkBit: UInt16 = 0
        if profile.isLatinScript, phrases != nil, let lexicon {
            if let bit = lexicon.bit(of: profile.code) {
                marks = (bit, true)
                if profile.code != "en", let english = lexicon.bit(of: "en") { sharedMarkBit = english }
            } else if let english = lexicon.bit(of: "en") {
                marks = (english, false)
            }
        } else if profile.isLatinScript, phrases == nil {
            if let lexicon, let bit = lexicon.bit(of: profile.code) {
                expectedBit = bit
            } else {
                note = "no word list for '\(profile.code)': same-script intrusions not checked"
            }
        }
        var copy = text
        let analysis = copy.withUTF8 { bytes in
            var scanner = Scanner(
                bytes: bytes, profile: profile, lexicon: expectedBit == nil && marks == nil ? nil : lexicon,
                expectedBit: expectedBit ?? marks?.bit ?? 0)
            if let marks {
                scanner.marksOnly = true
                scanner.markBit = marks.bit
                if profile.code == "en" { scanner.englishBit = marks.bit }
                scanner.marksByLacking = marks.byLacking
                scanner.sharedMarkBit = sharedMarkBit
            }
            defer { scanner.deallocate() }
            scanner.run()
            return scanner.finish()
        }
        var spans: [LanguageMixSpan] = []
        spans.reserveCapacity(analysis.spans.count)
        for raw in analysis.spans {
            let utf8 = text.utf8
            let slice = utf8[utf8.index(utf8.startIndex, offsetBy: raw.startByte)..<utf8.index(utf8.startIndex, offsetBy: raw.endByte)]
            spans.append(
                LanguageMixSpan(start: raw.start, end: raw.end, text: String(decoding: slice, as: UTF8.self), kind: raw.kind, found: raw.found))
        }
        var flaggedLetters = analysis.flaggedLetters
        // Two marked words at least (3 points), or no word lists to mark with at all; one outside
        // English (an English word in a phrase of words both lists have), or in English, where it
        // may sit between function words of another language (non *è* installata) or be a word
        // another language uses far more (word frequencies).
        let oneMarked =
            marks != nil && analysis.markedWords == 1
            && (profile.code != "en" || analysis.foreignFunctionWords > 0 || isUsedElsewhere(markedWordAt: analysis.markedByte, in: text))
        if profile.isLatinScript, let phrases, marks == nil || analysis.markedWords >= 2 || oneMarked {
            // In English with one marked word, only its line, and only the function-word and
            // word-frequency rules.
            let marked = oneMarked && profile.code == "en" ? analysis.markedByte.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) } : nil
            for span in phrases.spans(in: text, expected: profile, lexicon: lexicon, functionWordsOnlyAround: marked) {
                spans.append(span)
                flaggedLetters += span.text.unicodeScalars.filter(\.properties.isAlphabetic).count
            }
        }
        spans.sort { $0.start < $1.start }
        let value = analysis.letters == 0 ? (spans.isEmpty ? 0 : 1) : min(1, Double(flaggedLetters) / Double(analysis.letters))
        return LanguageMixResult(passed: spans.isEmpty, value: value, spans: spans, language: profile.code, note: note)
    }
}

extension LanguageMixDetector {
    /// In English with word frequencies, whether the one marked word (at UTF-8 offset `byte`) is a
    /// word another language uses (Zipf 3 or more: its small list has it), ten times as often as
    /// English at least, so that it may be part of a phrase of words English lists too; the
    /// technical terms and names that mark most English answers are not.
    func isUsedElsewhere(markedWordAt byte: Int?, in text: String) -> Bool {
        guard let frequencies = phrases?.wordFrequencies, let byte else { return false }
        let scalars = text.unicodeScalars
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: byte)
        let end =
            scalars[start...].firstIndex {
                $0.value < 0x80 ? !(IdentifiedPhrases.isLatinLetter($0) || $0 == "'") : !($0.properties.isAlphabetic || $0 == "\u{2019}")
            } ?? scalars.endIndex
        return frequencies.isUsed(Substring(scalars[start..<end]), outside: "en", atLeast: 3, margin: 1)
    }

    struct RawSpan {
        var start: Int
        var end: Int
        var startByte: Int
        var endByte: Int
        var kind: LanguageMixSpan.Kind
        var found: String
    }

    struct Analysis {
        var spans: [RawSpan]
        var letters: Int
        var flaggedLetters: Int
        /// Words that would mark an identifier candidate (`Scanner.marksOnly`).
        var markedWords = 0
        /// In English with one marked word, the words two or fewer either side of it that are
        /// function words of another language only (`Scanner.englishBit`).
        var foreignFunctionWords = 0
        /// The UTF-8 offset of the marked word when there is one.
        var markedByte: Int?
    }
}
