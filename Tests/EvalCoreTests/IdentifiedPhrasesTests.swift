import EvalCore
import EvalLanguageID
import EvalWordLists
import Foundation
import Testing

/// The identifier-judged phrase pass: its rules with a scripted identifier, then the real
/// identifiers (fastText lid.176 as `make deps` fetches it, Debian's CLD2) on sentences of their own.
struct IdentifiedPhrasesTests {
    /// An identifier that calls any text holding one of its words "xx" with certainty, else English.
    struct ScriptedIdentifier: LanguageIdentifier {
        var foreignWords: Set<String>
        var name: String { "scripted" }
        func recognizes(_ code: String) -> Bool { code == "en" || code == "xx" }
        func identify(_ text: Substring) -> LanguageGuess? {
            LanguageGuess(code: isForeign(text) ? "xx" : "en", percent: 100, reliable: true)
        }
        func probability(of codes: Set<String>, in text: Substring) -> Double {
            codes.contains(isForeign(text) ? "xx" : "en") ? 1 : 0
        }
        /// Foreign when most of its words are.
        func isForeign(_ text: Substring) -> Bool {
            let words = text.split { !$0.isLetter }.map { $0.lowercased() }
            return words.filter(foreignWords.contains).count * 2 > words.count
        }
    }

    static let lexicon = Lexicon(wordLists: [
        ("en", ["the", "file", "could", "not", "be", "opened", "because", "is", "a", "we", "had", "and", "wine"])
    ])

    @Test func aPhraseOfThreeForeignWordsIsFoundWhereTheWordListsHaveNone() throws {
        let phrases = IdentifiedPhrases(identifier: ScriptedIdentifier(foreignWords: ["sistem", "tidak", "valid"]))
        let text = "The file could not be opened because sistem tidak valid, we had wine."
        let spans = phrases.spans(in: text, expected: try #require(LanguageProfile.named("en")), lexicon: Self.lexicon)
        #expect(spans.map(\.text) == ["sistem tidak valid"])
        #expect(spans.first?.found == "xx" && spans.first?.kind == .language)
        let start = try #require(text.range(of: "sistem"))
        #expect(spans.first?.start == text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: start.lowerBound))
    }

    @Test func twoWordsAreNotAPhraseAndCodeAcronymsAndIdentifiersAreNotWords() throws {
        let phrases = IdentifiedPhrases(identifier: ScriptedIdentifier(foreignWords: ["bete", "noire", "sistem", "tidak", "valid", "xyz"]))
        let english = try #require(LanguageProfile.named("en"))
        #expect(phrases.spans(in: "We had bete noire and wine.", expected: english, lexicon: Self.lexicon).isEmpty)
        #expect(phrases.spans(in: "Run `sistem tidak valid` and wine.", expected: english, lexicon: Self.lexicon).isEmpty)
        #expect(phrases.spans(in: "The file SISTEM TIDAK VALID is a wine.", expected: english, lexicon: Self.lexicon).isEmpty)
        #expect(phrases.spans(in: "The file sistem_1 tidak/valid xyz.txt is a wine.", expected: english, lexicon: Self.lexicon).isEmpty)
        #expect(phrases.spans(in: "We had wine.\n```\nsistem tidak valid\n```\n", expected: english, lexicon: Self.lexicon).isEmpty)
        // camelCase names are identifiers; a word repeated counts once.
        #expect(phrases.spans(in: "The file sistemTidak validXyz tidakValid is a wine.", expected: english, lexicon: Self.lexicon).isEmpty)
        #expect(phrases.spans(in: "The file sistem, sistem and sistem is a wine.", expected: english, lexicon: Self.lexicon).isEmpty)
    }

    /// An identifier that calls a text `foreign` when more than half its words are in `foreignWords`, else `home`.
    struct MajorityIdentifier: LanguageIdentifier {
        var home: String
        var foreign: String
        var foreignWords: Set<String>
        var name: String { "majority" }
        func recognizes(_ code: String) -> Bool { code == home || code == foreign }
        func identify(_ text: Substring) -> LanguageGuess? {
            let words = text.split { !$0.isLetter }.map { $0.lowercased() }
            let code = words.filter(foreignWords.contains).count * 2 > words.count ? foreign : home
            return LanguageGuess(code: code, percent: 100, reliable: true)
        }
        func probability(of codes: Set<String>, in text: Substring) -> Double {
            identify(text).map { codes.contains($0.code) ? 1 : 0 } ?? 0
        }
    }

    /// A confirmer that calls everything one language (or nothing at all).
    struct ConstantIdentifier: LanguageIdentifier {
        var code: String
        var name: String { "constant" }
        func recognizes(_ code: String) -> Bool { true }
        func identify(_ text: Substring) -> LanguageGuess? { LanguageGuess(code: code, percent: 100, reliable: code != "un") }
        func probability(of codes: Set<String>, in text: Substring) -> Double { codes.contains(code) ? 1 : 0 }
    }

    @Test func aPhraseCountsOnlyWhenTheConfirmerAlsoFindsItForeign() throws {
        let english = try #require(LanguageProfile.named("en"))
        let text = "The file could not be opened because sistem tidak valid, we had wine."
        let identifier = ScriptedIdentifier(foreignWords: ["sistem", "tidak", "valid"])
        for (confirmer, found) in [("id", true), ("en", false), ("un", true)] {
            let phrases = IdentifiedPhrases(identifier: identifier, confirmer: ConstantIdentifier(code: confirmer))
            #expect(phrases.spans(in: text, expected: english, lexicon: Self.lexicon).isEmpty == !found, "confirmer says \(confirmer)")
        }
    }

    /// An identifier that gives every text the same probability of being English.
    struct UnsureIdentifier: LanguageIdentifier {
        var english: Double
        var name: String { "unsure" }
        func recognizes(_ code: String) -> Bool { true }
        func identify(_ text: Substring) -> LanguageGuess? { LanguageGuess(code: "id", percent: 90, reliable: false) }
        func probability(of codes: Set<String>, in text: Substring) -> Double { codes.contains("en") ? english : 1 - english }
    }

    @Test func withoutTheConfirmersEvidenceTheIdentifierJudgesAloneMoreStrictly() throws {
        let english = try #require(LanguageProfile.named("en"))
        let text = "The file could not be opened because sistem tidak valid, we had wine."
        // Below 10%: foreign when the confirmer names another language; with `un` it takes less than 2%.
        for (probability, confirmer, found) in [(0.05, "id", true), (0.05, "un", false), (0.01, "un", true), (0.05, "en", false)] {
            let phrases = IdentifiedPhrases(identifier: UnsureIdentifier(english: probability), confirmer: ConstantIdentifier(code: confirmer))
            #expect(
                phrases.spans(in: text, expected: english, lexicon: Self.lexicon).isEmpty == !found,
                "P(en) \(probability), confirmer says \(confirmer)")
        }
    }

    @Test func onlyBackticksThatHugTheirTextAreInlineCode() throws {
        let english = try #require(LanguageProfile.named("en"))
        let identifier = ScriptedIdentifier(foreignWords: ["sistem", "tidak", "valid"])
        let phrases = IdentifiedPhrases(identifier: identifier)
        // GNU-style quoting (` x ') and a lone backtick are punctuation: the words after them are read.
        for text in [
            "The file ` ' could not be opened because sistem tidak valid, we had wine.",
            "The file ` could not be opened because sistem tidak valid, we had wine.",
        ] {
            #expect(phrases.spans(in: text, expected: english, lexicon: Self.lexicon).map(\.text) == ["sistem tidak valid"], "\(text)")
        }
        // Markdown code is skipped.
        #expect(phrases.spans(in: "The file `sistem tidak valid` could not be opened.", expected: english, lexicon: Self.lexicon).isEmpty)
    }

    @Test func theWordsOfAnEnglishExpressionAreNotSuspicious() throws {
        let english = try #require(LanguageProfile.named("en"))
        let text = "The file had joie de vivre because we had wine."
        let identifier = ScriptedIdentifier(foreignWords: ["joie", "de", "vivre"])
        #expect(IdentifiedPhrases(identifier: identifier).spans(in: text, expected: english, lexicon: Self.lexicon).map(\.text) == ["joie de vivre"])
        var expressions = Collocations()
        expressions.insert(words: ["joie", "de", "vivre"])
        let phrases = IdentifiedPhrases(identifier: identifier, englishExpressions: expressions)
        #expect(phrases.spans(in: text, expected: english, lexicon: Self.lexicon).isEmpty)
    }

    @Test func inEnglishTwoForeignWordsMakeAPhraseOnlyWithShortFunctionWordsBesideThem() throws {
        let english = try #require(LanguageProfile.named("en"))
        let lexicon = Lexicon(wordLists: [("en", ["we", "had", "wine", "la", "opened", "the", "file", "because"])])
        let identifier = ScriptedIdentifier(foreignWords: ["la", "fusión", "de", "bon", "appétit", "opened"])
        let phrases = IdentifiedPhrases(identifier: identifier)
        // "la" is an English word too (the note), but as short as a function word.
        #expect(phrases.spans(in: "We had wine la fusión de because.", expected: english, lexicon: lexicon).map(\.text) == ["la fusión de"])
        // A loanword pair beside a longer English word is not a phrase.
        #expect(phrases.spans(in: "We opened bon appétit because.", expected: english, lexicon: lexicon).isEmpty)
    }

    @Test func outsideEnglishAWindowFindsAnEnglishPhraseThatSharedWordsBreakUp() throws {
        // "a" and "no" are Spanish too: the English run "file a no folder" has two gaps in a row.
        let lexicon = Lexicon(wordLists: [
            ("en", ["the", "file", "could", "not", "open", "folder", "a", "no"]),
            ("es", ["el", "archivo", "se", "pudo", "abrir", "porque", "a", "no", "ahora", "commit"]),
        ])
        let spanish = try #require(LanguageProfile.named("es"))
        let identifier = MajorityIdentifier(home: "es", foreign: "en", foreignWords: ["the", "file", "could", "not", "open", "folder", "a", "no"])
        let phrases = IdentifiedPhrases(identifier: identifier, confirmer: identifier)
        let mixed = "No se pudo abrir el archivo porque could not open a no folder ahora."
        // Windows place a phrase to within a word: here it takes "porque", whose window is 2/3 English.
        let spans = phrases.spans(in: mixed, expected: spanish, lexicon: lexicon)
        #expect(spans.map(\.text) == ["porque could not open a no folder"])
        #expect(spans.first?.found == "en")
        // Words both lists have (a loanword, a cognate) are worth a point there: with one English
        // word, they make a phrase.
        let shared = Lexicon(wordLists: [
            ("en", ["stash", "mode", "change"]), ("es", ["el", "archivo", "se", "pudo", "abrir", "porque", "ahora", "mode", "change"]),
        ])
        let loanwords = MajorityIdentifier(home: "es", foreign: "en", foreignWords: ["stash", "mode", "change"])
        let sharedPhrases = IdentifiedPhrases(identifier: loanwords, confirmer: loanwords)
        #expect(
            sharedPhrases.spans(in: "No se pudo abrir el archivo porque stash mode change ahora.", expected: spanish, lexicon: shared).map(\.text)
                == ["stash mode change"])
        #expect(sharedPhrases.spans(in: "No se pudo abrir el archivo porque el mode ahora.", expected: spanish, lexicon: shared).isEmpty)
        // One English word, or two capitalised ones (a name), is not a phrase.
        #expect(phrases.spans(in: "No se pudo abrir el archivo porque el commit no pudo abrir.", expected: spanish, lexicon: lexicon).isEmpty)
        #expect(phrases.spans(in: "No se pudo abrir el archivo Open Folder porque no.", expected: spanish, lexicon: lexicon).isEmpty)
    }

    /// The model `make deps` fetches; a clear failure when it is missing.
    static func fastText() throws -> FastTextIdentifier {
        do {
            return try FastTextIdentifier(path: FastTextIdentifier.defaultPath())
        } catch {
            Issue.record("\(error)")
            throw error
        }
    }

    @Test func fastTextNamesShortTextsAndSaysWhyAModelIsMissing() throws {
        let identifier = try Self.fastText()
        #expect(identifier.identify("la configuración del sistema no es válida")?.primary == "es")
        #expect(identifier.identify("tolong pilih berkas yang akan dibuka sekarang")?.primary == "id")
        #expect(identifier.probability(of: ["en"], in: "The file could not be opened because it is locked.") > 0.9)
        #expect(identifier.probability(of: ["en"], in: "kui see pole peale antud") < 0.1)
        #expect(identifier.recognizes("cs") && identifier.recognizes("nb") && !identifier.recognizes("xx"))
        let error = #expect(throws: FastTextIdentifier.LoadError.self) { try FastTextIdentifier(path: "/nonexistent/lid.ftz") }
        #expect(error?.description.contains("/nonexistent/lid.ftz") == true)
    }

    @Test func cld2NamesALanguageItKnows() {
        let identifier = CLD2Identifier()
        #expect(identifier.identify("Veuillez sélectionner un fichier à ouvrir dans la liste ci-dessous.")?.primary == "fr")
        #expect(identifier.recognizes("cs") && !identifier.recognizes("ast"))
        #expect(identifier.name.hasPrefix("cld2"))
    }

    @Test func cld2AsAConfirmerNamesEnglishOnlyWithEvidence() {
        // CLD2's best effort calls text it scored nothing on English; a confirmer says `un` there.
        let gibberish: Substring = "xqzv wpt kjh"
        #expect(CLD2Identifier().identify(gibberish)?.primary == "en")
        #expect(CLD2Identifier(englishNeedsEvidence: true).identify(gibberish)?.code == "un")
        let confirmer = CLD2Identifier(englishNeedsEvidence: true)
        #expect(confirmer.identify("The file could not be opened because it is locked by another process.")?.primary == "en")
        #expect(confirmer.identify("Veuillez sélectionner un fichier à ouvrir dans la liste ci-dessous.")?.primary == "fr")
    }

    @Test func anEnglishPhraseOfWordsSpanishHasTooReachesTheIdentifiers() throws {
        // "are" and "exclusive" are Spanish words too (forms of arar, excluir): only "mutually" lacks
        // the Spanish list, yet the phrase is English; the scan's gate counts what the phrase pass does.
        let (lexicon, _) = WordListLoader.load()
        let detector = LanguageMixDetector(
            lexicon: lexicon, identifier: try Self.fastText(), confirmer: CLD2Identifier(englishNeedsEvidence: true),
            englishExpressions: WordNetCollocations.load())
        let mixed = detector.analyze(
            "Muestra información sobre el dispositivo actual y el are mutually exclusive sistema operativo utilizado.", language: "es")
        #expect(mixed.spans.map(\.text) == ["are mutually exclusive"], "\(mixed.spans)")
        #expect(detector.analyze("Muestra información sobre el dispositivo actual y el sistema operativo utilizado.", language: "es").passed == true)
    }

    @Test(arguments: [
        // Phrases of languages evalctl has no word list for.
        ("The file could not be opened because soubor nelze otevřít bez oprávnění, so try again.", true),
        ("Please select a file to open, tolong pilih berkas yang akan dibuka, from the list below.", true),
        ("The build failed because dosya açılamadı çünkü izin yok on this machine.", true),
        // Loanwords, names and repeated words stay English.
        ("We had crème brûlée and a glass of wine after dinner.", false),
        ("It felt like déjà vu, and the menu was à la carte.", false),
        ("Git, Git and Git are all version control systems.", false),
        ("The status quo is fine per se, but it is not ideal.", false),
        ("He had a certain joie de vivre, a je ne sais quoi, that kept his modus operandi simple.", false),
        ("She moved from São Paulo to Zürich last year.", false),
    ])
    func theRealIdentifierJudgesPhrasesInEnglish(text: String, mixed: Bool) throws {
        let (lexicon, _) = WordListLoader.load()
        let detector = LanguageMixDetector(
            lexicon: lexicon, identifier: try Self.fastText(), confirmer: CLD2Identifier(englishNeedsEvidence: true),
            englishExpressions: WordNetCollocations.load())
        let result = detector.analyze(text, language: "en")
        #expect(result.passed == !mixed, "\(text): \(result.spans.map(\.text))")
    }
}
