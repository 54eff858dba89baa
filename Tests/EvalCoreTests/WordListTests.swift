import EvalCore
import Foundation
import Testing

@testable import EvalWordLists

/// The function words the Debian packages lack, against the installed lists (`make test`
/// installs `wamerican` and `liblingua-stopwords-perl`).
struct WordListTests {
    @Test func polishHasFunctionWordsThatAreNoEnglishContentWords() throws {
        let polish = WordListLoader.functionWords(for: "pl")
        #expect(polish.count > 200)
        #expect(Set(polish).count == polish.count, "no word is listed twice")
        let english = try String(contentsOfFile: "/usr/share/dict/american-english", encoding: .utf8)
        let englishWords = Set(english.split(separator: "\n").map(String.init))
        let englishFunctionWords = Set(WordListLoader.functionWords(for: "en"))
        #expect(!englishFunctionWords.isEmpty)
        let clashes = polish.filter { englishWords.contains($0) && !englishFunctionWords.contains($0) }
        #expect(clashes.isEmpty, "Polish function words that are English content words: \(clashes)")
    }

    @Test func englishPhrasesInPolishWeighTheirFunctionWords() throws {
        let (lexicon, _) = WordListLoader.load()
        let detector = LanguageMixDetector(lexicon: try #require(lexicon))
        // wpolish lists "name", "of" and "the": only function words tell the phrase from Polish.
        #expect(detector.analyze("repozytorium odniesienia name of the nie jest lokalnym repozytorium.", language: "pl").passed == false)
        #expect(detector.analyze("To repozytorium nie jest lokalnym repozytorium, ale jest w katalogu domowym.", language: "pl").passed == true)
        #expect(detector.analyze("You should give exactly one file name.", language: "en").passed == true)
    }
}
