/// The `language-mix` scorer: passes answers written only in the expected language.
///
/// The expected language is the case's `expect.language`, `en` when absent.
public struct LanguageMixScorer: SampleScorer {
    public let name = LanguageMixScorer.metric
    /// The metric (score name) this scorer writes.
    public static let metric = "language-mix"
    /// The detector.
    public let detector: LanguageMixDetector

    /// Creates the scorer.
    ///
    /// - Parameters:
    ///   - lexicon: Word lists for same-script detection; `nil` checks scripts only.
    ///   - identifier: A multilingual identifier that judges Latin-script phrases (the word lists
    ///     then only mark where to look).
    ///   - confirmer: A second identifier that must agree a phrase is foreign.
    ///   - englishExpressions: English multi-word expressions, whose words stay English.
    ///   - wordFrequencies: How often words are used in each language (see ``IdentifiedPhrases/wordFrequencies``).
    ///   - technicalWords: Words of English technical prose (see ``IdentifiedPhrases/technicalWords``).
    public init(
        lexicon: Lexicon?, identifier: (any LanguageIdentifier)? = nil, confirmer: (any LanguageIdentifier)? = nil,
        englishExpressions: Collocations? = nil, wordFrequencies: WordFrequencies? = nil, technicalWords: TechnicalWords? = nil
    ) {
        detector = LanguageMixDetector(
            lexicon: lexicon, identifier: identifier, confirmer: confirmer, englishExpressions: englishExpressions, wordFrequencies: wordFrequencies,
            technicalWords: technicalWords)
    }

    public func score(_ completion: Completion, for evalCase: EvalCase) -> Score? {
        let result = detector.analyze(completion.text, language: evalCase.expect.language ?? "en")
        return Score(scorer: name, value: result.value, passed: result.passed, details: result.detailsJSON)
    }
}

extension LanguageMixResult {
    /// The result as a JSON object: `{"language": …, "spans": [{"start", "end", "text", "kind", "found"}], "note": …}`.
    public var detailsJSON: String {
        var json = "{\"language\":"
        json += JSONText.quote(language)
        json += ",\"spans\":"
        appendSpans(to: &json)
        if let note {
            json += ",\"note\":"
            json += JSONText.quote(note)
        }
        json += "}"
        return json
    }

    /// The spans as a JSON array.
    public var spansJSON: String {
        var json = ""
        appendSpans(to: &json)
        return json
    }

    private func appendSpans(to json: inout String) {
        json += "["
        for (index, span) in spans.enumerated() {
            if index > 0 { json += "," }
            json += "{\"start\":\(span.start),\"end\":\(span.end),\"text\":"
            json += JSONText.quote(span.text)
            json += ",\"kind\":\"\(span.kind.rawValue)\",\"found\":"
            json += JSONText.quote(span.found)
            json += "}"
        }
        json += "]"
    }
}
