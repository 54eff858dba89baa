import EvalBackends
import EvalCore
import EvalFleet
import EvalStore
import EvalTesting
import Foundation
import GRDB
import Logging
import Testing

/// Tests over real HTTP on loopback: the fleet server in process, the real backend client.
@Suite(.serialized)
struct FleetServerTests {
    let logger = Logger(label: "test")

    func withFleet(instant: Bool = false, _ body: (RunningFleet, HTTPTransport) async throws -> Void) async throws {
        var quiet = Logger(label: "fleet")
        quiet.logLevel = .critical
        let fleet = try await FleetServer(logger: quiet, instant: instant).start()
        let transport = HTTPTransport()
        do {
            try await body(fleet, transport)
        } catch {
            try? await transport.shutdown()
            await fleet.stop()
            throw error
        }
        try await transport.shutdown()
        await fleet.stop()
    }

    func backend(_ fleet: RunningFleet, _ transport: HTTPTransport, platform: String = "gpu-h100", model: String = "evalctl-fleet-1")
        -> OpenAIChatBackend
    {
        OpenAIChatBackend(
            platform: PlatformConfiguration(name: platform, baseURL: fleet.platformURL(platform), model: model, requestTimeout: 10),
            apiKey: APIKey("sk-test"), transport: transport
        )
    }

    @Test func chatCompletionWithLogprobsAndServedBy() async throws {
        try await withFleet { fleet, transport in
            let request = CompletionRequest(
                model: "evalctl-fleet-1", prompt: .text("What is a black hole?"),
                sampling: SamplingParameters(temperature: 0, topP: 1, maxTokens: 40),
                seed: 5, topLogprobs: 3, routingKey: "evalctl-rk-3"
            )
            let completion = try await backend(fleet, transport).complete(request, logger: logger)
            #expect(completion.text.hasPrefix("A black hole is a region of space"))
            #expect(completion.finishReason == "length")
            #expect(completion.tokens.count == 40 && completion.tokens.allSatisfy { $0.top.count == 3 })
            #expect(completion.tokens.map(\.token).joined() == completion.text)
            #expect(completion.reportedModel == "evalctl-fleet-1")
            #expect(completion.systemFingerprint == "fp_gpu-h100")
            #expect(completion.servedBy?.hasPrefix("gpu-h100/pool-a/replica-") == true)
            // Sticky routing: the same key lands on the same replica.
            let again = try await backend(fleet, transport).complete(request, logger: logger)
            #expect(again.servedBy == completion.servedBy)
        }
    }

    @Test func instantModeAnswersFromTheFirstGenerationWhateverTheSeed() async throws {
        func ask(_ fleet: RunningFleet, _ transport: HTTPTransport, seed: UInt64, prompt: String = "Tell me about the ocean.") async throws
            -> Completion
        {
            let request = CompletionRequest(
                model: "evalctl-fleet-1", prompt: .text(prompt), sampling: SamplingParameters(temperature: 1, topP: 1, maxTokens: 30),
                seed: seed, topLogprobs: 2
            )
            return try await backend(fleet, transport).complete(request, logger: logger)
        }
        var normal: [String] = []
        try await withFleet { fleet, transport in
            for seed: UInt64 in 1...6 { normal.append(try await ask(fleet, transport, seed: seed).text) }
        }
        #expect(Set(normal).count > 1, "sampling at temperature 1 should vary with the seed")
        try await withFleet(instant: true) { fleet, transport in
            let first = try await ask(fleet, transport, seed: 1)
            #expect(first.text == normal[0] && (1...30).contains(first.tokens.count))
            for seed: UInt64 in 2...6 {
                let later = try await ask(fleet, transport, seed: seed)
                #expect(later.text == first.text && later.tokens == first.tokens)
            }
            let other = try await ask(fleet, transport, seed: 2, prompt: "What is a black hole?")
            #expect(other.text != first.text)
        }
    }

    @Test func configurationErrorsAreClassifiedAsHTTP4xx() async throws {
        try await withFleet { fleet, transport in
            let request = CompletionRequest(model: "evalctl-fleet-1", prompt: .text("hi"), sampling: SamplingParameters(maxTokens: 5), seed: 1)
            await #expect(throws: InfraError.self) {
                _ = try await backend(fleet, transport, platform: "no-such-platform").complete(request, logger: logger)
            }
            do {
                var wrongModel = request
                wrongModel.model = "wrong-model"
                _ = try await backend(fleet, transport, model: "wrong-model").complete(wrongModel, logger: logger)
                Issue.record("expected an error")
            } catch let error as InfraError {
                #expect(error.kind == .http4xx && error.status == 404 && !error.isRetryable)
            }
        }
    }

    @Test func aClosedPortIsAConnectError() async throws {
        let transport = HTTPTransport()
        let backend = OpenAIChatBackend(
            platform: PlatformConfiguration(name: "down", baseURL: "http://127.0.0.1:1/v1", model: "m", requestTimeout: 5), apiKey: nil,
            transport: transport
        )
        do {
            _ = try await backend.complete(
                CompletionRequest(model: "m", prompt: .text("hi"), sampling: SamplingParameters(), seed: 1), logger: logger)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .connect && error.isRetryable)
        }
        try await transport.shutdown()
    }

    @Test func sweepAgainstTheFleetIntoASQLiteStore() async throws {
        try await withFleet { fleet, transport in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-fleet-\(UUID().uuidString).sqlite").path
            let store = try ResultStore(path: path)
            let platforms = ["reference", "gpu-h100", "tpu-v5e"].map {
                PlatformConfiguration(name: $0, baseURL: fleet.platformURL($0), model: "evalctl-fleet-1", maxConcurrency: 4, requestTimeout: 10)
            }
            let configuration = EvalConfiguration(store: path, reference: "reference", platforms: platforms)
            let suite = Suite(
                id: "mini", version: 1, description: "",
                defaults: SamplingParameters(temperature: 0.7, topP: 0.99, maxTokens: 60, samples: 2, seed: 1),
                cases: [
                    EvalCase(id: "tides", prompt: .text("What causes ocean tides?")),
                    EvalCase(id: "tea", prompt: .text("お茶の入れ方を教えてください。")),
                    EvalCase(
                        id: "greedy", prompt: .text("What is the capital of France? Answer in one sentence."),
                        overrides: SamplingOverrides(temperature: 0)),
                ]
            )
            let recorder = try await store.beginRun(
                configuration: configuration, suites: [suite],
                provenance: .init(evalctlVersion: "test", gitCommit: nil, gitDirty: nil, host: nil), startedAt: Date().timeIntervalSince1970
            )
            let targets = platforms.map {
                Sweeper.Target(configuration: $0, backend: OpenAIChatBackend(platform: $0, apiKey: nil, transport: transport))
            }
            let sweeper = Sweeper(targets: targets, scorers: [MarkerScorer(marker: "e")], recorder: recorder, logger: logger)
            let outcome = try await sweeper.run(SweepPlan(suites: [suite], platforms: platforms.map(\.name), routingKeys: configuration.routingKeys))
            try await store.finishRun(recorder.runID, status: .complete, endedAt: Date().timeIntervalSince1970)
            #expect(outcome.completed == 18 && outcome.failed == 0)
            let report = try store.report(runID: recorder.runID)
            #expect(report.run.status == .complete)
            #expect(report.lines.map(\.platform) == ["reference", "gpu-h100", "tpu-v5e"])
            #expect(report.lines.allSatisfy { $0.samples == 6 && $0.scorers["marker"]?.trials == 6 && !$0.servedBy.isEmpty })
            let greedy = try await store.database.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT output FROM sample WHERE caseID = 'greedy'")
            }
            #expect(greedy == ["The capital of France is Paris."])
            #expect(try store.integrityCheck() == "ok")
        }
    }
}
