import EvalCore
import Foundation
import Testing

/// JSON string literals as scorers and `evalctl score` write them.
struct JSONTextTests {
    @Test func escapesQuotesControlsHTMLAndLineSeparatorsAndNothingElse() {
        #expect(JSONText.quote("") == "\"\"")
        #expect(JSONText.quote("plain text, ünïcödé, 日本語, 🚀") == "\"plain text, ünïcödé, 日本語, 🚀\"")
        #expect(JSONText.quote("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(JSONText.quote("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(JSONText.quote("\u{0}\u{1b}\u{1f}") == #""\u0000\u001b\u001f""#)
        #expect(JSONText.quote("<script>&</script>") == #""\u003cscript\u003e\u0026\u003c/script\u003e""#)
        #expect(JSONText.quote("line\u{2028}para\u{2029}end") == #""line\u2028para\u2029end""#)
        // Other characters whose UTF-8 starts as theirs do (E2 80 …) are written as they are.
        #expect(JSONText.quote("a–b…c\u{2027}") == "\"a–b…c\u{2027}\"")
        #expect(JSONText.quote("ends with \u{2028}") == #""ends with \u2028""#)
    }

    @Test func everyQuotedStringParsesBackToItself() throws {
        // SplitMix64 picks characters from every escape class and multi-byte UTF-8.
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1f}", "<", ">", "&", "é", "–", "\u{2028}", "\u{2029}", "日", "🚀",
            "\u{7f}",
        ]
        var state: UInt64 = 7
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            state &+= 0x9E37_79B9_7F4A_7C15
            for step in 0..<Int(state % 40) {
                let pick = (state >> UInt64(step % 48)) &+ UInt64(step) &* 0x9E37_79B9
                text.append(alphabet[Int(pick % UInt64(alphabet.count))])
            }
            let original = String(text)
            let quoted = JSONText.quote(original)
            #expect(
                !quoted.unicodeScalars.contains { $0.value < 0x20 || $0 == "<" || $0 == ">" || $0 == "&" || $0 == "\u{2028}" || $0 == "\u{2029}" })
            guard case .success(.string(let parsed)) = JSONParser.parse(quoted) else {
                Issue.record("\(quoted) does not parse as a JSON string")
                continue
            }
            #expect(parsed == original, "\(quoted)")
        }
    }
}
