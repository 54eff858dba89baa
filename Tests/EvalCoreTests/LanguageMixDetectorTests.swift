import EvalCore
import Testing

/// Unit tests of the language-mix detector, category by category, with small word lists.
///
/// Accuracy on real text is measured by `make validate` (Tests/Validation).
struct LanguageMixDetectorTests {
    static let lexicon = Lexicon(
        wordLists: [
            (
                "en",
                [
                    "the", "a", "house", "is", "very", "big", "and", "car", "red", "we", "met", "in", "value", "of", "box", "inside",
                    "fine", "answer", "uses", "root", "to", "check", "my", "mother", "grande", "mover", "Oder", "De", "UN", "Se",
                ]
            ),
            ("es", ["la", "casa", "de", "mi", "madre", "es", "muy", "grande", "el", "los", "perro", "come", "mucho", "y", "se", "mover"]),
            ("de", ["das", "ist", "ein", "kleiner", "Test", "und", "der", "die", "oder", "Haus", "sehr", "groß"]),
        ],
        functionWords: [
            ("en", ["the", "a", "is", "and", "of", "in", "to"]), ("es", ["la", "de", "mi", "es", "el", "los", "y", "se"]),
            ("de", ["das", "ist", "ein", "und", "der", "die", "oder"]),
        ]
    )
    let detector = LanguageMixDetector(lexicon: Self.lexicon)

    @Test func cleanEnglishPasses() {
        let result = detector.analyze("The house is very big and the car is red.", language: "en")
        #expect(result.passed == true)
        #expect(result.value == 0)
        #expect(result.spans.isEmpty)
    }

    @Test(arguments: [
        ("The car is reดd.", "ด", "thai"),  // one Thai character inside a word
        ("The car 是 red.", "是", "han"),  // one Han character between words
        ("The house is вери big.", "вери", "cyrillic"),
        ("We met in 서울.", "서울", "hangul"),
        ("The value is fine ですね.", "ですね", "hiragana"),
        ("inσide the box", "σ", "greek"),  // a Greek letter inside a Latin word
        ("The box is ξέρω big", "ξέρω", "greek"),  // a Greek word
    ])
    func scriptIntrusionsAreCaughtFromOneCharacter(text: String, span: String, script: String) throws {
        let result = detector.analyze(text, language: "en")
        #expect(result.passed == false)
        let found = try #require(result.spans.first)
        #expect(found.text == span && found.kind == .script && found.found == script)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found.start..<found.end])) == span, "offsets count Unicode scalars")
        #expect(result.value > 0 && result.value <= 1)
    }

    @Test func aThaiCombiningMarkStaysWithItsLetter() throws {
        let result = detector.analyze("The car is nice น้ำ today", language: "en")
        #expect(try #require(result.spans.first).text == "น้ำ")
    }

    @Test(arguments: [
        "We met in Zürich and São Paulo, a naïve café.",
        "The value is α = 0.05, σ² is small, Δt = 40 μs at 20 °C in 3 m².",
        "It costs €20, £5 or ¥300 — “quoted” and ‘single’ 😀 👍🏽 👩‍💻.",
        "Mix the e\u{301}tude: combining marks are fine.",
        "Here is code:\n```python\nprint('こんにちは')  # ไทย\n```\nand `日本` inline.",
    ])
    func benignUnicodeInEnglishPasses(text: String) {
        let result = detector.analyze(text, language: "en")
        #expect(result.passed == true, "spans: \(result.spans)")
    }

    @Test(arguments: [
        ("日本には四つの季節があります。URLとHTTPのrootを確認します。", "ja"),
        ("这是一个测试，请检查 root 和 HTTP。", "zh"),
        ("한국어 문장에 漢字 와 URL 이 있습니다.", "ko"),
        ("Это проверка: URL, HTTP и root.", "ru"),
        ("ภาษาไทยกับ URL และ HTTP", "th"),
        ("la casa de mi madre es muy grande", "es"),
    ])
    func nonEnglishAnswersWithTechnicalWordsPass(text: String, language: String) {
        let result = detector.analyze(text, language: language)
        #expect(result.passed == true, "spans: \(result.spans)")
    }

    @Test(arguments: [
        ("日本には四つの季節がสวัสดีあります。", "ja", "thai"),
        ("这是一个测试です。", "zh", "hiragana"),
        ("Это проверка 中文 текста.", "ru", "han"),
        ("ภาษาไทย한국어", "th", "hangul"),
        ("中国的电车ー很快", "zh", "katakana"),
    ])
    func scriptIntrusionsInNonEnglishAnswersAreCaught(text: String, language: String, script: String) {
        let result = detector.analyze(text, language: language)
        #expect(result.passed == false)
        #expect(result.spans.first?.found == script)
    }

    @Test func aSpanishClauseInEnglishIsCaught() throws {
        let result = detector.analyze("The house is big, y la casa de mi madre es muy grande.", language: "en")
        let span = try #require(result.spans.first)
        #expect(span.kind == .language && span.found == "es")
        // "grande" is in the English list too: alone it is no evidence, but inside a run of Spanish
        // words with Spanish function words and nothing English it counts, so the clause is whole.
        #expect(span.text == "la casa de mi madre es muy grande")
    }

    @Test func aGermanPhraseInEnglishIsCaught() {
        let result = detector.analyze("Das ist ein kleiner Test und the rest is fine.", language: "en")
        #expect(result.spans.first?.found == "de")
    }

    @Test func anEnglishDriftInASpanishAnswerIsCaught() {
        let result = detector.analyze("El perro come mucho and the house is very big.", language: "es")
        #expect(result.spans.first?.found == "en")
    }

    @Test func singleForeignWordsNamesAndCapitalisedEntriesDoNotCount() {
        // "grande" alone is a loanword; "Oder" (a river) and "De" are capitalised entries of the English
        // list and must not make lowercase "oder" and "de" English.
        #expect(detector.analyze("The house is grande.", language: "en").passed == true)
        #expect(detector.analyze("We met the Casa Grande team.", language: "en").passed == true)
        #expect(detector.analyze("We met in Bahía de Banderas.", language: "en").passed == true)
        #expect(Self.lexicon.languages(of: "oder") == Self.lexicon.bit(of: "de"))
        #expect(Self.lexicon.languages(of: "Oder") == (Self.lexicon.bit(of: "de") ?? 0) | (Self.lexicon.bit(of: "en") ?? 0))
    }

    @Test func identifierLikeWordsCarryNoEvidence() {
        #expect(detector.analyze("Set la_casa=mi /de/la/casa and madre.es to check.", language: "en").passed == true)
    }

    /// Every printable ASCII character next to each word of a Spanish sentence: the documented
    /// symbols (digits and `_ / \ @ = < > { } [ ] | # $ % ^ & * + ~ -`) make the words
    /// identifier-like, every other character leaves them Spanish. (The apostrophe joins words
    /// and the backtick opens code, so neither is tried.)
    @Test func exactlyTheDocumentedSymbolsMakeWordsIdentifierLike() {
        let symbols = Set("0123456789_/\\@=<>{}[]|#$%^&*+~-")
        for value in UInt8(0x21)...UInt8(0x7E) {
            let character = Character(Unicode.Scalar(value))
            guard !character.isLetter, character != "'", character != "`" else { continue }
            let text = "We met: " + ["la", "casa", "de", "mi", "madre", "es", "muy", "grande"].map { "\($0)\(character)" }.joined(separator: " ")
            let passed = detector.analyze(text, language: "en").passed
            #expect(passed == symbols.contains(character), "\(text)")
        }
    }

    @Test func withoutWordListsOnlyScriptsAreChecked() {
        let scriptsOnly = LanguageMixDetector(lexicon: nil)
        let result = scriptsOnly.analyze("la casa de mi madre es muy grande", language: "en")
        #expect(result.passed == true)
        #expect(result.note?.contains("same-script") == true)
        #expect(scriptsOnly.analyze("The car is reดd.", language: "en").passed == false)
    }

    @Test func anUnknownLanguageCannotBeJudged() {
        let result = detector.analyze("text", language: "xx")
        #expect(result.passed == nil)
        #expect(LanguageProfile.named("pt-BR")?.code == "pt")
    }

    @Test func theScorerDefaultsToEnglishAndWritesJSONDetails() {
        let scorer = LanguageMixScorer(lexicon: Self.lexicon)
        let score = scorer.score(Completion(text: "The car is reดd <b>", finishReason: "stop"), for: EvalCase(id: "c", prompt: .text("p")))
        #expect(score?.passed == false)
        #expect(score?.details == #"{"language":"en","spans":[{"start":13,"end":14,"text":"ด","kind":"script","found":"thai"}]}"#)
    }

    @Test func aLexiconSurvivesSerialisation() throws {
        let bytes = Self.lexicon.serialized()
        let copy = try #require(bytes.withUnsafeBytes { Lexicon(serialized: $0) })
        for word in ["casa", "Oder", "oder", "the", "nothing"] {
            #expect(copy.languages(of: word) == Self.lexicon.languages(of: word))
        }
        #expect(copy.functionWordLanguages == Self.lexicon.functionWordLanguages)
        #expect(bytes.withUnsafeBytes { Lexicon(serialized: UnsafeRawBufferPointer(rebasing: $0[0..<20])) } == nil)
    }
}
