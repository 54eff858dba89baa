import AsyncHTTPClient
import EvalBackends
import EvalConfig
import EvalCore
import EvalFleet
import EvalStore
import EvalWordLists
import Foundation
import Logging
import NIOCore

/// The fleet's request rate, the backend client's cost per request, and the sweep's own overhead
/// (requests, scoring, storage) against a fleet that answers from a memo.
enum FleetBench {
    static let concurrency = 64

    static func run(into table: inout BenchTable, lexicon: Lexicon?) async throws {
        var logger = Logger(label: "evalctl-bench")
        logger.logLevel = .critical
        let suites = try SuiteCatalog.load(patterns: ["Evals/*.yaml"], configFile: "(bench)")
        let shortCases = suites.filter { $0.id != "long-context" }.flatMap { suite in suite.cases.map { ($0, $0.sampling(from: suite.defaults)) } }

        // 1. The fleet's model at work: chat requests with 5 alternatives per token.
        let fleet = try await FleetServer(scenario: .standard, logger: logger).start()
        let transport = HTTPTransport()
        do {
            let platform = PlatformConfiguration(name: "gpu-h100", baseURL: fleet.platformURL("gpu-h100"), model: FleetScenario.standard.model)
            let backend = OpenAIChatBackend(platform: platform, apiKey: nil, transport: transport)
            let requests = (0..<600).map { index in
                let (evalCase, sampling) = shortCases[index % shortCases.count]
                return CompletionRequest(model: platform.model, prompt: evalCase.prompt, sampling: sampling, seed: UInt64(index), topLogprobs: 5)
            }
            let (seconds, failures) = try await send(requests, through: backend, logger: logger)
            table.add(
                "fleet, chat requests", String(format: "%.0f req/s", Double(requests.count) / seconds),
                note: "generation with top_logprobs 5, concurrency \(concurrency), \(requests.count) requests, \(failures) failed"
            )
        }
        await fleet.stop()

        // 2. The backend client's cost: the same requests against a memoizing fleet, through the
        //    backend (encode, post, classify, decode) and as raw POSTs of pre-encoded bodies.
        let instant = try await FleetServer(scenario: .standard, logger: logger, instant: true).start()
        let platform = PlatformConfiguration(name: "gpu-h100", baseURL: instant.platformURL("gpu-h100"), model: FleetScenario.standard.model)
        let backend = OpenAIChatBackend(platform: platform, apiKey: nil, transport: transport)
        let requests = (0..<3_000).map { index in
            let (evalCase, sampling) = shortCases[index % shortCases.count]
            return CompletionRequest(model: platform.model, prompt: evalCase.prompt, sampling: sampling, seed: UInt64(index), topLogprobs: 5)
        }
        _ = try await send(requests, through: backend, logger: logger)  // fills the memo
        var backendSeconds = Double.infinity
        var rawSeconds = Double.infinity
        let bodies = requests.map { request in
            let messages = request.prompt.chatMessages.map { ["role": $0.role.rawValue, "content": $0.content] }
            let object: [String: Any] = [
                "model": request.model, "messages": messages, "temperature": request.sampling.temperature, "top_p": request.sampling.topP,
                "max_tokens": request.sampling.maxTokens, "seed": request.seed, "logprobs": true, "top_logprobs": 5,
            ]
            return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        }
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency))
        )
        for _ in 0..<3 {
            backendSeconds = min(backendSeconds, try await send(requests, through: backend, logger: logger).seconds)
            rawSeconds = min(rawSeconds, try await post(bodies, to: platform.baseURL + "/chat/completions", client: client))
        }
        try await client.shutdown()
        let perRequest = (backendSeconds - rawSeconds) / Double(requests.count) * 1e6
        table.add(
            "backend client, per request", String(format: "%.0f µs", perRequest * Double(ProcessInfo.processInfo.activeProcessorCount)),
            note: String(
                format: "CPU-µs over raw POSTs of the same bodies: %.0f vs %.0f req/s (%.2f× the time), memoizing fleet",
                Double(requests.count) / backendSeconds, Double(requests.count) / rawSeconds, backendSeconds / rawSeconds
            )
        )

        // 3. Sweep overhead: every shipped suite × 4 platforms, repeated, scored and stored in SQLite,
        //    against a fleet whose answers cost nothing (memoized): once called in process, which
        //    leaves the harness alone (scheduling, scoring, storage), once over loopback HTTP.
        let repeats = Int(ProcessInfo.processInfo.environment["EVALCTL_BENCH_SWEEP_REPEATS"] ?? "") ?? 4
        let widened = suites.map { suite in
            var suite = suite
            suite.defaults.samples *= repeats
            suite.cases = suite.cases.map { evalCase in
                var evalCase = evalCase
                evalCase.overrides.samples = evalCase.overrides.samples.map { $0 * repeats }
                return evalCase
            }
            return suite
        }
        let names = FleetScenario.standard.platforms.map(\.name)
        let configurations = names.map { name in
            var configuration = PlatformConfiguration(name: name, baseURL: instant.platformURL(name), model: FleetScenario.standard.model)
            configuration.maxConcurrency = concurrency
            return configuration
        }
        let plan = SweepPlan(suites: widened, platforms: names, routingKeys: (0..<64).map { "rk-\($0)" })
        let scorers: [any SampleScorer] = [LanguageMixScorer(lexicon: lexicon)]
        let memoized = FleetServer(scenario: .standard, logger: logger, instant: true)
        let inProcess = try await sweepSeconds(plan: plan, configurations: configurations, suites: widened, scorers: scorers, logger: logger) {
            guard let backend = InProcessFleetBackend(server: memoized, platform: $0.name) else { throw BenchError("no platform \($0.name)") }
            return backend
        }
        let overHTTP = try await sweepSeconds(plan: plan, configurations: configurations, suites: widened, scorers: scorers, logger: logger) {
            OpenAIChatBackend(platform: $0, apiKey: nil, transport: transport)
        }
        let rate = Double(plan.count) / inProcess
        table.add(
            "sweep overhead, zero-latency fleet", String(format: "%.0f samples/s", rate), goal: "≥5,000 samples/s", met: rate >= 5_000,
            note:
                "\(plan.count) requests of the shipped suites (5 alternatives per token), language-mix scored, stored with group commit; fleet in process, memoized"
        )
        table.add(
            "sweep overhead over loopback HTTP",
            String(format: "%.0f samples/s (%.1f× the in-process time)", Double(plan.count) / overHTTP, overHTTP / inProcess),
            note: "the same sweep through the chat backend and the memoizing fleet server, on the same 2 cores (32k-token prompts sent as JSON)"
        )
        try await transport.shutdown()
        await instant.stop()
    }

    /// The best time of two sweeps of a plan (after one that fills the fleet's memo), each into a
    /// new store, with language-mix scoring.
    static func sweepSeconds(
        plan: SweepPlan, configurations: [PlatformConfiguration], suites: [Suite], scorers: [any SampleScorer], logger: Logger,
        backend: (PlatformConfiguration) throws -> any ModelBackend
    ) async throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let targets = try configurations.map { Sweeper.Target(configuration: $0, backend: try backend($0)) }
        var best = Double.infinity
        for round in 0..<3 {
            let store = try ResultStore(path: folder.appendingPathComponent("sweep-\(round).sqlite").path)
            let recorder = try await store.beginRun(
                configuration: EvalConfiguration(reference: configurations[0].name, platforms: configurations), suites: suites,
                provenance: .init(evalctlVersion: "bench", gitCommit: nil, gitDirty: nil, host: nil), startedAt: 0
            )
            let sweeper = Sweeper(targets: targets, scorers: scorers, recorder: recorder, logger: logger)
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = try await sweeper.run(plan)
            if round > 0 { best = min(best, start.duration(to: clock.now).seconds) }  // round 0 fills the memo
            guard outcome.failed == 0 else { throw BenchError("the bench sweep had \(outcome.failed) failed requests") }
        }
        return best
    }

    /// Sends requests through a backend, `concurrency` at a time.
    static func send(_ requests: [CompletionRequest], through backend: any ModelBackend, logger: Logger) async throws -> (
        seconds: Double, failures: Int
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        let failures = await withTaskGroup(of: Bool.self) { group in
            var iterator = requests.makeIterator()
            var failures = 0
            for _ in 0..<concurrency {
                guard let request = iterator.next() else { break }
                group.addTask { (try? await backend.complete(request, logger: logger)) != nil }
            }
            for await succeeded in group {
                if !succeeded { failures += 1 }
                if let request = iterator.next() { group.addTask { (try? await backend.complete(request, logger: logger)) != nil } }
            }
            return failures
        }
        return (start.duration(to: clock.now).seconds, failures)
    }

    /// Posts pre-encoded bodies and reads each reply in full, without decoding it.
    static func post(_ bodies: [Data], to url: String, client: HTTPClient) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = bodies.makeIterator()
            func submit() -> Bool {
                guard let body = iterator.next() else { return false }
                group.addTask {
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "content-type", value: "application/json")
                    request.body = .bytes(ByteBuffer(bytes: body))
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 64 << 20)
                }
                return true
            }
            for _ in 0..<concurrency where !submit() { break }
            while try await group.next() != nil { _ = submit() }
        }
        return start.duration(to: clock.now).seconds
    }
}
