import EvalBackends
import EvalCore
@testable import EvalFleet
import EvalStore
import Foundation
import GRDB
import Logging
import Testing

/// The simulated bugs and chaos, checked through the model and over loopback HTTP.
@Suite(.serialized)
struct FleetFaultTests {
    let model = FleetLanguageModel.shared
    let logger = Logger(label: "test")

    @Test func tokenCorruptionPutsForeignScriptTokensInEnglishAnswers() {
        var faults = GenerationFaults()
        faults.corruptionRate = 0.3
        let rule = SamplingRule(temperature: 0.7, topP: 0.99)
        let corrupted = model.generate(prompt: .text("What causes ocean tides?"), rule: rule, maxTokens: 80, seed: 1, faults: faults)
        let foreign = corrupted.text.unicodeScalars.filter { $0.value >= 0x370 && $0.properties.isAlphabetic }
        #expect(!foreign.isEmpty, "corrupted: \(corrupted.text)")
        // The platform believes its corrupted tokens: they carry a high reported probability.
        let believed = corrupted.tokens.filter { $0.text.unicodeScalars.contains { $0.value >= 0x370 } }.map(\.logprob)
        #expect(believed.allSatisfy { $0 > log(0.5) })
        let healthy = model.generate(prompt: .text("What causes ocean tides?"), rule: rule, maxTokens: 80, seed: 1)
        #expect(!healthy.text.unicodeScalars.contains { $0.value >= 0x370 && $0.properties.isAlphabetic })
    }

    @Test func approximateTopKMissesTheTopTokenEvenGreedilyWhileLogprobsStayTrue() {
        var faults = GenerationFaults()
        faults.dropTopRate = 1
        let greedy = SamplingRule(temperature: 0, topP: 1)
        let prompt = Prompt.text("What is the capital of France? Answer in one sentence.")
        let broken = model.generate(prompt: prompt, rule: greedy, maxTokens: 20, seed: 0, topLogprobs: 3, faults: faults)
        let exact = model.generate(prompt: prompt, rule: greedy, maxTokens: 20, seed: 0, topLogprobs: 3)
        #expect(exact.text == "The capital of France is Paris.")
        #expect(broken.text != exact.text)
        // The first token is not the reported most likely one: the signature of a broken top-k.
        let first = broken.tokens.first
        #expect(first.map { $0.text != $0.top.first?.text } == true)
        #expect(first.map { $0.logprob < ($0.top.first?.logprob ?? 0) } == true)
    }

    @Test func misroutingIsStickyPerRoutingKeyAndNamedInServedBy() {
        let platform = FleetPlatform(name: "gpu", numerics: .exact, faults: [Fault(kind: .contextMisroute, rate: 0.3)])
        let keys = (0..<200).map { "key-\($0)" }
        let pools = keys.map { platform.faults(request: "r", routingKey: $0, at: 0).servedBy }
        let misrouted = pools.filter { $0.contains("pool-long-1m") }
        #expect(misrouted.count > 30 && misrouted.count < 90, "about 30% of 200 keys")
        // Sticky: the same key, another request, the same pool.
        for key in keys.prefix(20) {
            #expect(platform.faults(request: "a", routingKey: key, at: 0).servedBy == platform.faults(request: "b", routingKey: key, at: 0).servedBy)
        }
    }

    @Test func faultSchedulesStartAndRamp() {
        let fault = Fault(kind: .tokenCorruption, rate: 0.16, start: 100, ramp: 50)
        #expect(fault.rate(at: 99) == 0)
        #expect(abs(fault.rate(at: 125) - 0.08) < 1e-12)
        #expect(fault.rate(at: 1000) == 0.16)
    }

    @Test func completionsWithEchoScoreThePromptByTeacherForcing() async throws {
        var quiet = Logger(label: "fleet")
        quiet.logLevel = .critical
        let fleet = try await FleetServer(logger: quiet).start()
        defer { Task { await fleet.stop() } }
        let transport = HTTPTransport()
        let backend = OpenAICompletionsBackend(
            platform: PlatformConfiguration(
                name: "reference", wireProtocol: .openAICompletions, baseURL: fleet.platformURL("reference"), model: "evalctl-fleet-1"),
            apiKey: nil, transport: transport
        )
        let answer = "The capital of France is Paris."
        let batch = try await backend.teacherForce(
            [
                ForcingRequest(prompt: .text("What is the capital of France? Answer in one sentence."), answer: answer),
                ForcingRequest(prompt: .text("What is a black hole?"), answer: "A black hole"),
            ],
            topLogprobs: 3
        )
        try await transport.shutdown()
        #expect(batch.count == 2, "one list of tokens per prompt of the batch")
        let scored = batch[0]
        // Only the answer's tokens come back, offsets from the answer's start, each with its context's log-probability.
        #expect(scored.map(\.text).joined() == answer)
        #expect(scored.first?.offset == 0)
        #expect(scored.allSatisfy { ($0.logprob ?? 1) <= 0 })
        // The answer the model itself would give is likely under teacher forcing.
        #expect(scored.allSatisfy { $0.top.count == 3 && ($0.logprob ?? -1) > log(0.5) })
        #expect(batch[1].map(\.text).joined() == "A black hole")
    }

    @Test func aSweepAgainstAPlatformFailingThirtyPercentInEveryChaosMode() async throws {
        var quiet = Logger(label: "fleet")
        quiet.logLevel = .critical
        var scenario = FleetScenario.standard
        scenario.platforms[1].chaos = ChaosSettings(each: 0.06, slowSeconds: 3)
        let fleet = try await FleetServer(scenario: scenario, logger: quiet).start()
        let transport = HTTPTransport()
        let timeout = 1.0
        let platform = PlatformConfiguration(
            name: "gpu-h100", baseURL: fleet.platformURL("gpu-h100"), model: "evalctl-fleet-1", maxConcurrency: 8, requestTimeout: timeout,
            maxAttempts: 2
        )
        let store = try ResultStore(writer: DatabaseQueue())
        let suite = Suite(
            id: "chaos", version: 1, description: "", defaults: SamplingParameters(temperature: 0.7, topP: 0.99, maxTokens: 24, samples: 4, seed: 3),
            cases: (0..<50).map { EvalCase(id: "c\($0)", prompt: .text(["What causes ocean tides?", "How do volcanoes form?"][$0 % 2])) }
        )
        let configuration = EvalConfiguration(reference: "gpu-h100", platforms: [platform])
        let recorder = try await store.beginRun(
            configuration: configuration, suites: [suite], provenance: .init(evalctlVersion: "test", gitCommit: nil, gitDirty: nil, host: nil),
            startedAt: 0
        )
        let sweeper = Sweeper(
            targets: [Sweeper.Target(configuration: platform, backend: OpenAIChatBackend(platform: platform, apiKey: nil, transport: transport))],
            scorers: [LanguageMixScorer(lexicon: nil)], recorder: recorder, logger: logger
        )
        let outcome = try await sweeper.run(SweepPlan(suites: [suite], platforms: ["gpu-h100"], routingKeys: configuration.routingKeys))
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 1)
        try await transport.shutdown()
        await fleet.stop()

        #expect(outcome.completed + outcome.failed == 200, "the sweep completes")
        let rows = try await store.database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT errorClass, attempts, latency, (SELECT COUNT(*) FROM score WHERE sampleID = sample.id) FROM sample")
        }
        let failures = rows.filter { ($0[0] as String?) != nil }
        let classes = Set(failures.map { $0[0] as String })
        #expect(failures.count == outcome.failed && !failures.isEmpty)
        #expect(classes.isSubset(of: ["timeout", "connect", "http-429", "http-5xx", "malformed-body", "truncated"]))
        #expect(classes.count >= 3, "several failure classes stored: \(classes)")
        #expect(failures.allSatisfy { ($0[3] as Int) == 0 }, "no failure is scored")
        #expect(rows.allSatisfy { ($0[1] as Int) <= 2 }, "attempts never exceed the bound")
        // Each attempt has its own deadline; with one retry and its backoff, a request stays
        // below two deadlines plus the longest backoff (capped at 10 s, 1 s from Retry-After here),
        // plus scheduling slack on a loaded 2-core machine.
        #expect(rows.allSatisfy { ($0[2] as Double) < 2 * timeout + 1.5 + 1.5 }, "max latency \(rows.map { $0[2] as Double }.max() ?? 0)")
        // Attempts that failed and were retried: the first attempts that failed exceed the final failures.
        #expect(outcome.attempts > 200)
    }
}
