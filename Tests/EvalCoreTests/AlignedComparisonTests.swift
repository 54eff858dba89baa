import EvalCore
import Foundation
import Testing

struct AlignedComparisonTests {
    private func token(_ text: String, _ alternatives: [(String, Double)]) -> TokenLogprob {
        let top = alternatives.map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        return TokenLogprob(token: text, logprob: top.first { $0.token == text }?.logprob ?? log(0.01), top: top)
    }

    @Test func identicalDistributionsAreAtDistanceZero() {
        let list = [("a", 0.6), ("b", 0.3), ("c", 0.05)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        #expect(AlignedComparison.distance(list, list) < 1e-12)
    }

    @Test func sharedTokensCountTheirWholeDifference() {
        let p = [("a", 0.7), ("b", 0.2)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        let q = [("a", 0.5), ("b", 0.4)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        // ½(|0.7 − 0.5| + |0.2 − 0.4|) = 0.2
        #expect(abs(AlignedComparison.distance(p, q) - 0.2) < 1e-9)
    }

    @Test func aTokenOneSideDoesNotReportIsCreditedOnlyBeyondWhatTheOtherCouldHide() {
        // q leaves 0.1 unreported and its least reported token weighs 0.1: "c" may weigh up to 0.1 there.
        let p = [("a", 0.5), ("c", 0.4)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        let q = [("a", 0.8), ("b", 0.1)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        // a: 0.3; c: 0.4 − 0.1 = 0.3; b: p leaves 0.1 unreported, floor 0.4 → cap 0.1 → 0.1 − 0.1 = 0.
        #expect(abs(AlignedComparison.distance(p, q) - 0.3) < 1e-9)
        // Lists that cannot tell anything apart give no distance at all.
        let vague = [("x", 0.01)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        let other = [("y", 0.01)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        #expect(AlignedComparison.distance(vague, other) == 0)
    }

    @Test func positionsAreComparedUpToAndIncludingTheFirstDifferentToken() {
        let platform = [
            token("The", [("The", 0.6), ("A", 0.3)]), token(" cat", [(" cat", 0.5), (" dog", 0.4)]), token(" sat", [(" sat", 0.9)]),
            token(" down", [(" down", 0.9)]),
        ]
        let reference = [
            token("The", [("The", 0.6), ("A", 0.3)]), token(" dog", [(" dog", 0.5), (" cat", 0.4)]), token(" ran", [(" ran", 0.9)]),
        ]
        let comparison = AlignedComparison.compare(platform: platform, reference: reference)
        #expect(comparison.positions == 2, "the third position follows different contexts")
        #expect(comparison.divergedAt == 1)
        #expect(comparison.firstDistance == 0)
        #expect(abs((comparison.maxDistance ?? 0) - 0.1) < 1e-9)
        #expect(comparison.maxIndex == 1)
        #expect(comparison.topAgreements == 1)
        #expect(abs((comparison.meanDistance ?? 0) - 0.05) < 1e-9)
    }

    @Test func noAlternativesMeansNothingCompared() {
        let bare = [TokenLogprob(token: "Hi", logprob: -0.1)]
        let comparison = AlignedComparison.compare(platform: bare, reference: bare)
        #expect(comparison.positions == 0)
        #expect(comparison.meanDistance == nil)
    }

    @Test func theScorerWaitsForTheReferencesAnswerAndJudgesByTheThreshold() async {
        let evalCase = EvalCase(id: "c", prompt: .text("q"))
        let sampling = SamplingParameters(temperature: 0.7, topP: 1, maxTokens: 4, samples: 1, seed: 1)
        func item(_ platform: String) -> WorkItem {
            WorkItem(
                platform: platform, suiteID: "s", suiteVersion: 1, evalCase: evalCase, sampleIndex: 0, sampling: sampling, seed: 9, routingKey: nil)
        }
        let board = ReferenceAnswers(reference: "ref", planned: [item("ref")])
        let scorer = DriftScorer(replayer: nil, referenceAnswers: board, thresholds: DriftThresholds())
        let near = Completion(text: "The", finishReason: "stop", tokens: [token("The", [("The", 0.6), ("A", 0.3)])])
        let far = Completion(text: "The", finishReason: "stop", tokens: [token("The", [("The", 0.3), ("A", 0.6)])])
        async let waiting = scorer.scores(far, for: item("gpu"))
        #expect(await scorer.scores(near, for: item("ref")).allSatisfy { $0.scorer != DriftMetric.aligned.rawValue })
        let aligned = await waiting.first { $0.scorer == DriftMetric.aligned.rawValue }
        #expect(aligned?.passed == false)
        #expect(abs((aligned?.value ?? 0) - 0.3) < 1e-9)
        #expect(aligned?.details.contains("\"method\":\"aligned\"") == true)
        // A failed reference request releases its waiters: unavailable, never a failure.
        let failedBoard = ReferenceAnswers(reference: "ref", planned: [item("ref")])
        let failing = DriftScorer(replayer: nil, referenceAnswers: failedBoard, thresholds: DriftThresholds())
        async let orphan = failing.scores(near, for: item("gpu"))
        await failing.failed(item("ref"))
        #expect(await orphan.first { $0.scorer == DriftMetric.aligned.rawValue }?.passed == nil)
    }

    @Test func aCancelledWaiterIsReleased() async {
        let evalCase = EvalCase(id: "c", prompt: .text("q"))
        let planned = WorkItem(
            platform: "ref", suiteID: "s", suiteVersion: 1, evalCase: evalCase, sampleIndex: 0, sampling: SamplingParameters(), seed: 1,
            routingKey: nil
        )
        let board = ReferenceAnswers(reference: "ref", planned: [planned])
        let waiter = Task { await board.answer(for: .init(planned)) }
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        #expect(await waiter.value == nil)
    }
}

struct DriftThresholdsFileTests {
    @Test func aCalibrationWrittenBeforeTheAlignedMethodStillLoads() throws {
        let old = """
            {"referenceSlack":0.1,"selfSlack":0.01,"logprobFloor":-20,"meanLogprobGap":0.03,"greedyMargin":0.5,"topN":5,
             "vocabularySize":262144,"nullRates":{"drift-nucleus":0.001},"alpha":0.001,"source":"calibrated earlier"}
            """
        let thresholds = try JSONDecoder().decode(DriftThresholds.self, from: Data(old.utf8))
        #expect(thresholds.alignedDistance == DriftThresholds().alignedDistance)
        #expect(thresholds.meanLogprobGap == 0.03 && thresholds.source == "calibrated earlier")
        let again = try JSONDecoder().decode(DriftThresholds.self, from: try JSONEncoder().encode(thresholds))
        #expect(again == thresholds)
    }
}
