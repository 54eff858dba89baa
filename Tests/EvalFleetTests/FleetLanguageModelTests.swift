import EvalCore
@testable import EvalFleet
import Foundation
import Testing

struct FleetLanguageModelTests {
    let model = FleetLanguageModel.shared

    @Test func retrievesTheDocumentThatAnswersThePrompt() {
        let cases = [
            ("Explain how a hash map handles collisions.", "hash-map"),
            ("日本の四季について簡単に説明してください。", "ja-seasons"),
            ("Implement binary search in Python.", "py-binary-search"),
            ("ช่วยอธิบายเทศกาลสงกรานต์สั้นๆ", "th-songkran"),
        ]
        for (prompt, id) in cases {
            #expect(model.documents[model.document(for: .text(prompt))].id == id)
        }
    }

    @Test func greedyDecodingReproducesTheDocument() throws {
        let generation = model.generate(
            prompt: .text("Implement binary search in Python."), rule: SamplingRule(temperature: 0, topP: 1), maxTokens: 500, seed: 1)
        let document = try #require(model.documents.first { $0.id == "py-binary-search" })
        #expect(generation.text == document.text)
        #expect(generation.finishReason == "stop")
    }

    @Test func theSameSeedGivesTheSameAnswerAndOtherSeedsVary() {
        let prompt = Prompt.text("What causes ocean tides?")
        let rule = SamplingRule(temperature: 1.0, topP: 1)
        let a = model.generate(prompt: prompt, rule: rule, maxTokens: 120, seed: 42)
        let b = model.generate(prompt: prompt, rule: rule, maxTokens: 120, seed: 42)
        #expect(a == b)
        let texts = Set((0..<20).map { model.generate(prompt: prompt, rule: rule, maxTokens: 120, seed: UInt64($0)).text })
        #expect(texts.count > 5, "sampling at temperature 1 should vary between seeds")
    }

    @Test func distributionsAreNormalisedAndReportedLogprobsAgree() {
        let generation = model.generate(
            prompt: .text("Why do we see rainbows after rain?"), rule: SamplingRule(temperature: 0.7, topP: 0.99), maxTokens: 60, seed: 3,
            topLogprobs: 5
        )
        for token in generation.tokens {
            #expect(token.top.count <= 5 && !token.top.isEmpty)
            #expect(token.logprob <= 0)
            let mass = token.top.reduce(0) { $0 + exp($1.logprob) }
            #expect(mass <= 1 + 1e-9)
            // The top list is sorted, most likely first.
            #expect(zip(token.top, token.top.dropFirst()).allSatisfy { $0.logprob >= $1.logprob })
        }
    }

    @Test func maxTokensCutsTheAnswer() {
        let generation = model.generate(prompt: .text("What is a black hole?"), rule: SamplingRule(temperature: 0, topP: 1), maxTokens: 5, seed: 0)
        #expect(generation.tokens.count == 5)
        #expect(generation.finishReason == "length")
    }

    @Test func bfloat16RoundingIsBenign() {
        #expect(Numerics.roundToBFloat16(-1.0) == -1.0)
        let rounded = Numerics.roundToBFloat16(-2.3456)
        #expect(abs(rounded - -2.3456) < 0.01 && rounded != -2.3456)
        let exact = model.generate(prompt: .text("What is a black hole?"), rule: SamplingRule(temperature: 0, topP: 1), maxTokens: 200, seed: 0)
        let bf16 = model.generate(
            prompt: .text("What is a black hole?"), rule: SamplingRule(temperature: 0, topP: 1), maxTokens: 200, seed: 0, numerics: .bfloat16
        )
        #expect(exact.text == bf16.text, "greedy answers agree: no near-ties in this document")
    }

    @Test(arguments: [
        Prompt.text("Why do we see rainbows after rain?"),
        Prompt.messages([
            ChatMessage(role: .system, content: "You are a patient teacher.\n\nAnswer in plain English."),
            ChatMessage(role: .user, content: "What is caching and when does it help?"),
        ]),
        Prompt.text("日本の四季について簡単に説明してください。"),
    ])
    func teacherForcingATranscriptReproducesTheGenerationsLogprobs(prompt: Prompt) {
        let generation = model.generate(prompt: prompt, rule: SamplingRule(temperature: 0.9, topP: 0.99), maxTokens: 80, seed: 11, topLogprobs: 5)
        let transcript = prompt.transcript
        let scored = model.score(text: transcript + generation.text, topLogprobs: 5)
        let answer = scored.filter { $0.offset >= transcript.unicodeScalars.count }
        // Pair by offset: re-tokenizing the answer may merge a few generated tokens.
        var offset = transcript.unicodeScalars.count
        var paired = 0
        for token in generation.tokens {
            if let match = answer.first(where: { $0.offset == offset }), match.text == token.text {
                paired += 1
                if paired <= 10 { #expect(abs((match.logprob ?? 0) - token.logprob) < 1e-9, "\(token.text)") }
            }
            offset += token.text.unicodeScalars.count
        }
        #expect(paired >= generation.tokens.count * 9 / 10)
    }
}
