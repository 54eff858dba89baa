import EvalCore
import EvalTesting
import Logging
import Testing

struct StreamConsistencyScorerTests {
    let evalCase = EvalCase(id: "c", prompt: .text("q"))

    func item(_ platform: String, temperature: Double = 0, sampleIndex: Int = 0) -> WorkItem {
        WorkItem(
            platform: platform, suiteID: "s", suiteVersion: 1, evalCase: evalCase, sampleIndex: sampleIndex,
            sampling: SamplingParameters(temperature: temperature, topP: 1, maxTokens: 8, samples: 1, seed: 1), seed: 9, routingKey: "rk")
    }

    func scorer(_ backend: ScriptedBackend) -> StreamConsistencyScorer {
        var platform = PlatformConfiguration(name: "gpu", baseURL: "http://127.0.0.1:1/v1", model: "m")
        platform.stream = true
        return StreamConsistencyScorer(platforms: [.init(configuration: platform, backend: backend)], logger: Logger(label: "test"))
    }

    @Test func theStreamedTextMustBeTheWholeOne() async {
        let backend = ScriptedBackend { _, _ in .answer("Hello there!") }
        let scorer = scorer(backend)
        let same = await scorer.scores(Completion(text: "Hello there!", finishReason: "stop"), for: item("gpu"))
        #expect(same.map(\.passed) == [true] && same.first?.scorer == "stream-consistency")
        // A dropped chunk: the first difference is where the whole answer goes on.
        let dropped = await scorer.scores(Completion(text: "Hello!", finishReason: "stop"), for: item("gpu"))
        #expect(dropped.map(\.passed) == [false])
        #expect(dropped.first?.details == #"{"streamed_chars":6,"whole_chars":12,"first_difference":5}"#)
        // The repeat is the same request, whole: same seed, routing key and sampling.
        let sent = backend.requests
        #expect(sent.count == 2 && sent.allSatisfy { $0.seed == 9 && $0.routingKey == "rk" && $0.sampling.temperature == 0 })
    }

    @Test func onlyTheFirstSampleOfATemperatureZeroCaseOnAStreamedPlatformIsChecked() async {
        let backend = ScriptedBackend { _, _ in .answer("x") }
        let scorer = scorer(backend)
        let answer = Completion(text: "x", finishReason: "stop")
        #expect(await scorer.scores(answer, for: item("gpu", temperature: 0.7)).isEmpty)
        #expect(await scorer.scores(answer, for: item("gpu", sampleIndex: 1)).isEmpty)
        #expect(await scorer.scores(answer, for: item("other")).isEmpty)
        #expect(backend.requests.isEmpty)
    }

    @Test func aRepeatThatFailsIsNoScore() async {
        let backend = ScriptedBackend { _, _ in .fail(InfraError(.http5xx, "HTTP 503", status: 503)) }
        #expect(await scorer(backend).scores(Completion(text: "x", finishReason: "stop"), for: item("gpu")).isEmpty)
    }
}
