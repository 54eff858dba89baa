import EvalCore
import EvalStore
import Foundation
import GRDB
import Testing

/// End-to-end tests of the `evalctl` executable against the embedded fleet over loopback.
@Suite(.serialized)
struct SweepCommandTests {
    @Test func sweepStoresARunAndPrintsTheSummary() throws {
        let store = EvalctlProcess.temporaryStore()
        let output = try EvalctlProcess.run([
            "sweep", "--store", store, "--suite", "determinism", "--platform", "reference", "--platform", "gpu-h100",
        ])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.contains("run 1 · complete · 2 platforms × 1 suites · 120 samples"))
        #expect(output.stdout.contains("reference  *"))
        let runs = try EvalctlProcess.run(["runs", "--store", store])
        #expect(runs.status == 0)
        #expect(runs.stdout.contains("complete"))
        let show = try EvalctlProcess.run(["show", "1", "--store", store])
        #expect(show.status == 0)
        #expect(show.stdout.contains("── output ──"))
        // The fleet reports usage: the prompt's token count is kept and shown.
        #expect(show.stdout.contains("prompt tokens ") && !show.stdout.contains("prompt tokens -"), "\(show.stdout)")
    }

    @Test func killNineLeavesAnIntactDatabaseAndAnIncompleteRun() async throws {
        let store = EvalctlProcess.temporaryStore()
        let (process, _, _) = try EvalctlProcess.start(["sweep", "--store", store, "--suite", "english-prose", "--quiet"])
        // Kill at a random moment once samples are being written.
        let deadline = Date().addingTimeInterval(60)
        var written = 0
        let target = Int.random(in: 5...60)
        while written < target, Date() < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
            guard FileManager.default.fileExists(atPath: store) else { continue }
            written = (try? await DatabaseQueue(path: store).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") }) ?? 0
        }
        #expect(process.isRunning, "the sweep finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let reopened = try ResultStore(path: store)
        #expect(try reopened.integrityCheck() == "ok")
        let runs = try EvalctlProcess.run(["runs", "--store", store])
        #expect(runs.status == 0)
        #expect(runs.stdout.contains("incomplete"), "runs: \(runs.stdout)")
        // `runs` only reads: the next sweep marks the abandoned run in the store.
        #expect(try reopened.run(id: 1)?.status == .running)

        let next = try EvalctlProcess.run(["sweep", "--store", store, "--suite", "determinism", "--platform", "reference", "--quiet"])
        #expect(next.status == 0, "stderr: \(next.stderr)")
        #expect(try reopened.run(id: 1)?.status == .incomplete)
        #expect(try reopened.run(id: 2)?.status == .complete)
        #expect(try reopened.integrityCheck() == "ok")
    }

    @Test func aSecondSweepIsRefusedWhileTheStoreIsLocked() throws {
        let store = EvalctlProcess.temporaryStore()
        try FileManager.default.createDirectory(atPath: (store as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let lock = try StoreLock(storePath: store)
        let output = try EvalctlProcess.run(["sweep", "--store", store, "--suite", "determinism"])
        withExtendedLifetime(lock) {}
        #expect(output.status == 3)
        #expect(output.stderr.contains("another sweep holds the store"))
    }

    @Test func aMalformedConfigurationExitsWithTwoNamingFileLineAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("evalctl.yaml").path
        try "reference: a\nplatforms:\n  - name: a\n    base_url: http://127.0.0.1:9/v1\n    model: m\n    max_concurency: 4\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["sweep", "--config", config])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(config):6: unknown key 'platforms[0].max_concurency'"), "stderr: \(output.stderr)")
    }

    @Test func aStoreThatIsNotADatabaseExitsWithFourAndIsLeftAlone() throws {
        let store = EvalctlProcess.temporaryStore()
        try FileManager.default.createDirectory(atPath: (store as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "not a database, just text\n".write(toFile: store, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["runs", "--store", store])
        #expect(output.status == 4, "stderr: \(output.stderr)")
        #expect(output.stderr.contains("not a usable evalctl database"))
        #expect(try String(contentsOfFile: store, encoding: .utf8) == "not a database, just text\n")
    }

    @Test func anUnreachablePlatformIsAnInfrastructureFailureNotAQualityResult() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-down-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("evalctl.yaml").path
        try """
        reference: down
        suites: [\(EvalctlProcess.repository.path)/Evals/determinism.yaml]
        platforms:
          - {name: down, base_url: "http://127.0.0.1:1/v1", model: m, max_attempts: 2, timeout: 2}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["sweep", "--config", config, "--quiet"])
        #expect(output.status == 5, "stderr: \(output.stderr)")
        let store = try ResultStore(path: folder.appendingPathComponent("results/evalctl.sqlite").path)
        let counts = try store.database.read { db in
            try SQLRow.fetchOne(
                db,
                sql: "SELECT COUNT(*), SUM(errorClass = 'connect'), SUM(errorClass = 'circuit-open'), (SELECT COUNT(*) FROM score) FROM sample"
            )
        }
        // Every sample is an infrastructure error, none is scored; after 8 failed requests the
        // platform's circuit opens and the rest are not sent.
        let total: Int = counts?[0] ?? 0
        let connect: Int = counts?[1] ?? 0
        let circuitOpen: Int = counts?[2] ?? 0
        let scores: Int = counts?[3] ?? -1
        #expect(total == 60 && scores == 0)
        #expect(connect >= 8 && connect + circuitOpen == 60)
    }
}

/// API keys come from the environment and go nowhere else.
struct SecretHandlingTests {
    @Test func theKeyNeverReachesTheStoreTheLogsOrTheErrors() throws {
        let secret = "sk-live-Zq81-DO-NOT-LEAK-7f3a"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("evalctl.yaml").path
        try """
        reference: reference
        suites: [\(EvalctlProcess.repository.path)/Evals/determinism.yaml]
        platforms:
          - {name: reference, base_url: embedded, model: evalctl-fleet-1, api_key_env: EVALCTL_TEST_SECRET}
          - {name: anthropic-down, protocol: anthropic, base_url: "http://127.0.0.1:1/v1", model: m, api_key_env: EVALCTL_TEST_SECRET, max_attempts: 1}
          - {name: wrong-model, base_url: embedded, model: no-such-model, api_key_env: EVALCTL_TEST_SECRET, max_attempts: 1}
          - {name: vertex-down, protocol: vertex-anthropic, base_url: "http://127.0.0.1:1/v1/projects/p/locations/l/publishers/anthropic/models", model: m, api_key_env: EVALCTL_TEST_SECRET, max_attempts: 1}
          - {name: bedrock-down, protocol: bedrock-converse, base_url: "http://127.0.0.1:1", model: "m:0", max_attempts: 1}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        // Bedrock's key comes from AWS's own variable when the platform names none: redacted too.
        let bedrockKey = "ABSKQmVkcm9ja0FQSUtleS1-DO-NOT-LEAK"
        let output = try EvalctlProcess.run(
            ["sweep", "--config", config, "--log-level", "trace"],
            environment: ["EVALCTL_TEST_SECRET": secret, "AWS_BEARER_TOKEN_BEDROCK": bedrockKey])
        #expect(output.status == 5, "four platforms answer nothing: \(output.stderr.suffix(300))")
        #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
        #expect(!output.stdout.contains(bedrockKey) && !output.stderr.contains(bedrockKey))
        let store = folder.appendingPathComponent("results/evalctl.sqlite").path
        for path in [store, store + "-wal"] where FileManager.default.fileExists(atPath: path) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the key is in \(path)")
            #expect(bytes.range(of: Data(bedrockKey.utf8)) == nil, "Bedrock's key is in \(path)")
        }
        let failed = try ResultStore(path: store).database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM sample WHERE errorClass IS NOT NULL ORDER BY id DESC LIMIT 1")
        }
        let show = try EvalctlProcess.run(["show", "\(try #require(failed))", "--store", store])
        #expect(show.stdout.contains("infrastructure error") && !show.stdout.contains(secret))
    }
}

/// `evalctl show` of an answer that called tools: the calls, escaped like any model output.
struct ShowToolCallsTests {
    @Test func toolCallsAreShownEscaped() async throws {
        let store = EvalctlProcess.temporaryStore()
        let suite = Suite(id: "s", version: 1, description: "d", defaults: SamplingParameters(), cases: [EvalCase(id: "c", prompt: .text("q"))])
        let configuration = EvalConfiguration(
            reference: "ref", platforms: [PlatformConfiguration(name: "ref", baseURL: "http://127.0.0.1:1/v1", model: "m")])
        let results = try ResultStore(path: store)
        let recorder = try await results.beginRun(
            configuration: configuration, suites: [suite],
            provenance: ResultStore.Provenance(evalctlVersion: "test", gitCommit: nil, gitDirty: nil, host: nil), startedAt: 1)
        let work = WorkItem(
            platform: "ref", suiteID: "s", suiteVersion: 1, evalCase: suite.cases[0], sampleIndex: 0, sampling: SamplingParameters(), seed: 1,
            routingKey: nil)
        let call = ToolCall(name: "get_weather", arguments: "{\"city\": \"Paris\u{1b}[2J\"}")
        let completion = Completion(text: "", finishReason: "tool_calls", promptTokens: 41, toolCalls: [call])
        try await recorder.record(SampleResult(work: work, outcome: .success(completion), latency: 0.1, attempts: 1), scores: [])
        try await results.finishRun(recorder.runID, status: .complete, endedAt: 2)
        let show = try EvalctlProcess.run(["show", "1", "--store", store])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("── tool calls ──") && show.stdout.contains("get_weather") && show.stdout.contains("prompt tokens 41"))
        #expect(!show.stdout.contains("\u{1b}"), "a terminal escape reached the output")
    }
}
