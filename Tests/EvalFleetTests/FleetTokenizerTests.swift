@testable import EvalFleet
import Testing

struct FleetTokenizerTests {
    @Test(arguments: [
        "Hello, world!",
        "    indented code\n\n\tand tabs  ",
        "日本の四季について",
        "สงกรานต์เป็นเทศกาล",
        "```python\nx = 1234567\n```",
        "Zürich café naïve — “quotes” 😀",
        "",
    ])
    func joiningTokensGivesTheTextBack(text: String) {
        #expect(FleetTokenizer.tokenize(text).joined() == text)
    }

    @Test func corpusRoundTrips() {
        for document in FleetCorpus.documents {
            #expect(FleetTokenizer.tokenize(document.text).joined() == document.text, "\(document.id)")
        }
    }

    @Test func wordsCarryTheirLeadingSpaceAndScriptsWithoutSpacesSplitPerCharacter() {
        #expect(FleetTokenizer.tokenize("the cat sat") == ["the", " cat", " sat"])
        #expect(FleetTokenizer.tokenize("日本語") == ["日", "本", "語"])
        #expect(FleetTokenizer.tokenize("12345") == ["123", "45"])
        #expect(FleetTokenizer.tokenize("```js") == ["```", "js"])
        // Thai combining vowels and tone marks stay with their base character.
        #expect(FleetTokenizer.tokenize("น้ำ") == ["น้", "ำ"])
    }
}
