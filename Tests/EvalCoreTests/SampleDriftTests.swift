import EvalCore
import Foundation
import Testing

/// The per-sample replay, on hand-built streams.
struct SampleDriftTests {
    typealias Alt = TokenLogprob.Alternative

    /// A reference that, at every position, puts 0.9 on the expected token and 0.1 on "x".
    func reference(for texts: [String], start: Int, expected: [String]? = nil) -> [ForcedToken] {
        var offset = start
        return texts.enumerated().map { index, text in
            defer { offset += text.unicodeScalars.count }
            let want = expected?[index] ?? text
            let top = [Alt(token: want, logprob: log(0.9)), Alt(token: "x", logprob: log(0.1))]
            return ForcedToken(offset: offset, text: text, logprob: text == want ? log(0.9) : text == "x" ? log(0.1) : -30, top: top)
        }
    }

    func sampled(_ texts: [String], top: [[Alt]]? = nil) -> [TokenLogprob] {
        texts.enumerated().map { index, text in
            TokenLogprob(
                token: text, logprob: log(0.9), top: top?[index] ?? [Alt(token: text, logprob: log(0.9)), Alt(token: "x", logprob: log(0.1))])
        }
    }

    @Test func aHealthySampleHasNoFlags() {
        let texts = ["The", " sky", " is", " blue", "."]
        let drift = SampleDrift.analyze(
            sampled: sampled(texts), rule: SamplingRule(temperature: 0.7, topP: 0.95), reference: reference(for: texts, start: 10), answerStart: 10,
            thresholds: DriftThresholds()
        )
        #expect(drift.aligned == 5 && drift.impossible.isEmpty && drift.selfViolations.isEmpty)
        #expect(abs((drift.meanLogprobGap ?? 1)) < 1e-12)
        #expect(drift.scores(thresholds: DriftThresholds()).allSatisfy { $0.passed == true })
    }

    @Test func aForeignTokenIsImpossibleUnderTheReference() {
        let texts = ["The", " sky", "ท", " blue"]
        let forced = reference(for: texts, start: 0, expected: ["The", " sky", " is", " blue"])
        // The corrupted platform believed its wrong token (0.9), as token corruption does.
        let drift = SampleDrift.analyze(
            sampled: sampled(texts), rule: SamplingRule(temperature: 0.7, topP: 0.99), reference: forced, answerStart: 0,
            thresholds: DriftThresholds()
        )
        #expect(drift.impossible.map(\.token) == ["ท"])
        #expect(drift.belowFloor == 1)
        #expect((drift.maxLogprobGap ?? 0) > 25)
        let scores = Dictionary(uniqueKeysWithValues: drift.scores(thresholds: DriftThresholds()).map { ($0.scorer, $0) })
        #expect(scores["drift-nucleus"]?.passed == false)
        #expect(scores["drift-logprob"]?.passed == false)
        #expect(scores["drift-self"]?.passed == true, "the platform's own report agrees with its choice")
        #expect(scores["drift-nucleus"]?.details.contains("\\u0e17") == true || scores["drift-nucleus"]?.details.contains("ท") == true)
    }

    @Test func aDroppedTopTokenBreaksSelfConsistency() {
        // Approximate top-k: the platform reports a at 0.97 but sampled b; top-p 0.95 keeps a alone.
        let top = [Alt(token: "a", logprob: log(0.97)), Alt(token: "b", logprob: log(0.02))]
        let stream = [TokenLogprob(token: "b", logprob: log(0.02), top: top)]
        let drift = SampleDrift.analyze(
            sampled: stream, rule: SamplingRule(temperature: 0.7, topP: 0.95), reference: nil, answerStart: 0, thresholds: DriftThresholds())
        #expect(drift.selfViolations.count == 1)
        #expect(!drift.referenceAvailable)
        let scores = drift.scores(thresholds: DriftThresholds())
        #expect(scores.map(\.scorer) == ["drift-self"] && scores[0].passed == false)
    }

    @Test func greedyDivergenceAtANearTieIsBenignAndAtAClearMarginIsABug() {
        let thresholds = DriftThresholds(greedyMargin: 0.5)
        let greedy = SamplingRule(temperature: 0, topP: 1)
        // Near-tie: the reference prefers "A" by 0.01 nats; the platform chose "B", both in each other's top-5.
        let nearTop = [Alt(token: "A", logprob: -0.69), Alt(token: "B", logprob: -0.70)]
        let near = SampleDrift.analyze(
            sampled: [TokenLogprob(token: "B", logprob: -0.69, top: [Alt(token: "B", logprob: -0.69), Alt(token: "A", logprob: -0.70)])],
            rule: greedy, reference: [ForcedToken(offset: 0, text: "B", logprob: -0.70, top: nearTop)], answerStart: 0, thresholds: thresholds
        )
        #expect(near.greedy?.index == 0)
        #expect(near.greedy?.isBug(marginThreshold: 0.5) == false)
        #expect(near.impossible.isEmpty, "a near-tie is not an impossible token either")
        // Clear margin: the reference gives "A" 0.95.
        let clearTop = [Alt(token: "A", logprob: log(0.95)), Alt(token: "B", logprob: log(0.04))]
        let clear = SampleDrift.analyze(
            sampled: [TokenLogprob(token: "B", logprob: log(0.6), top: [Alt(token: "B", logprob: log(0.6)), Alt(token: "A", logprob: log(0.3))])],
            rule: greedy, reference: [ForcedToken(offset: 0, text: "B", logprob: log(0.04), top: clearTop)], answerStart: 0, thresholds: thresholds
        )
        #expect(clear.greedy?.isBug(marginThreshold: 0.5) == true)
        // vLLM's floor: a small margin, but the platform's token is not in the reference's top-5.
        let unranked = (0..<5).map { Alt(token: "t\($0)", logprob: -1.60 - Double($0) * 0.001) }
        let floor = SampleDrift.analyze(
            sampled: [TokenLogprob(token: "B", logprob: -0.1, top: [Alt(token: "B", logprob: -0.1)])], rule: greedy,
            reference: [ForcedToken(offset: 0, text: "B", logprob: -9, top: unranked)], answerStart: 0, thresholds: thresholds
        )
        #expect(floor.greedy?.platformTokenInReferenceTop == false)
        #expect(floor.greedy?.isBug(marginThreshold: 0.5) == true)
    }

    @Test func retokenizedStretchesAreLeftUnpaired() {
        // The platform generated "\n" "\n"; the reference's tokenizer reads "\n\n" as one token.
        let stream = sampled(["Hi", "\n", "\n", "there"])
        let forced = [
            ForcedToken(offset: 5, text: "Hi", logprob: -0.1, top: [Alt(token: "Hi", logprob: -0.1)]),
            ForcedToken(offset: 7, text: "\n\n", logprob: -0.1, top: [Alt(token: "\n\n", logprob: -0.1)]),
            ForcedToken(offset: 9, text: "there", logprob: -0.1, top: [Alt(token: "there", logprob: -0.1)]),
        ]
        #expect(
            TokenAlignment.align(sampled: stream, forced: forced, answerStart: 5, contextGuard: 0).map { $0.reference?.text } == [
                "Hi", nil, nil, "there",
            ])
        // By default the tokens right after a re-tokenized stretch are not judged either: the reference read another context.
        #expect(TokenAlignment.align(sampled: stream, forced: forced, answerStart: 5).map { $0.reference?.text } == ["Hi", nil, nil, nil])
    }

    @Test func aFailedReplayIsUnavailableNeverAFailure() {
        let drift = SampleDrift.analyze(
            sampled: sampled(["a"]), rule: SamplingRule(temperature: 1, topP: 1), reference: nil, answerStart: 0, thresholds: DriftThresholds())
        let scores = drift.scores(thresholds: DriftThresholds(), referenceProblem: "reference replay failed: timeout")
        #expect(scores.filter { $0.scorer != "drift-self" }.allSatisfy { $0.passed == nil })
        #expect(scores.contains { $0.scorer == "drift-nucleus" })
    }
}
