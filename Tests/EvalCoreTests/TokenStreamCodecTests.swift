import EvalCore
import Testing

struct TokenStreamCodecTests {
    @Test func roundTripsTextsLogprobsAndAlternatives() throws {
        let tokens = [
            TokenLogprob(token: "Hello", logprob: -0.5, top: [.init(token: "Hello", logprob: -0.5), .init(token: "Hi", logprob: -1.25)]),
            TokenLogprob(token: " สวัสดี", logprob: -8, top: []),
            TokenLogprob(token: "", logprob: -.infinity, top: [.init(token: "\u{0}", logprob: 0)]),
        ]
        #expect(try TokenStreamCodec.decode(TokenStreamCodec.encode(tokens)) == tokens)
        #expect(try TokenStreamCodec.decode(TokenStreamCodec.encode([])) == [])
    }

    @Test func writesEachDistinctTextOnce() {
        let repeated = Array(
            repeating: TokenLogprob(token: " the-same-long-token", logprob: -1, top: [.init(token: " the-same-long-token", logprob: -1)]), count: 100)
        // 1 version + 1 count + 21 string + 1 count + 100 × (1 + 4 + 1 + 1 + 4)
        #expect(TokenStreamCodec.encode(repeated).count == 24 + 1100)
    }

    @Test func rejectsTruncatedCorruptAndUnknownStreams() {
        let bytes = TokenStreamCodec.encode([TokenLogprob(token: "a", logprob: -1, top: [.init(token: "b", logprob: -2)])])
        for cut in 0..<bytes.count {
            #expect(throws: TokenStreamCodec.DecodingError.self) { try TokenStreamCodec.decode(Array(bytes[..<cut])) }
        }
        var badIndex = bytes
        badIndex[7] = 9  // the first token's string index (only 2 strings)
        #expect { try TokenStreamCodec.decode(badIndex) } throws: { "\($0)".contains("out of range") }
        #expect { try TokenStreamCodec.decode([2] + bytes.dropFirst()) } throws: { "\($0)".contains("unknown version 2") }
        #expect { try TokenStreamCodec.decode(bytes + [0]) } throws: { "\($0)".contains("trailing") }
    }
}
