import EvalCore
import EvalTesting
import Logging
import Testing

struct SweeperTests {
    let logger = Logger(label: "test")

    func suite(cases: Int, samples: Int = 1) -> Suite {
        Suite(
            id: "s", version: 1, description: "", defaults: SamplingParameters(samples: samples),
            cases: (0..<cases).map { EvalCase(id: "c\($0)", prompt: .text("prompt \($0)")) }
        )
    }

    func target(_ name: String, _ backend: any ModelBackend, concurrency: Int = 4, attempts: Int = 3) -> Sweeper.Target {
        Sweeper.Target(
            configuration: PlatformConfiguration(
                name: name, baseURL: "http://unused", model: "m", maxConcurrency: concurrency, maxAttempts: attempts),
            backend: backend
        )
    }

    @Test func recordsEverySampleAndScoresCompletions() async throws {
        let recorder = MemoryRecorder()
        let sweeper = Sweeper(
            targets: [target("a", ScriptedBackend.echo()), target("b", ScriptedBackend.echo())],
            scorers: [MarkerScorer(marker: "echo")], recorder: recorder, logger: logger
        )
        let outcome = try await sweeper.run(SweepPlan(suites: [suite(cases: 5, samples: 2)], platforms: ["a", "b"], routingKeys: []))
        #expect(outcome.completed == 20)
        #expect(recorder.records.count == 20)
        #expect(recorder.records.allSatisfy { $0.scores.map(\.passed) == [true] })
    }

    @Test func respectsThePlatformConcurrencyLimit() async throws {
        let backend = ScriptedBackend.echo(delay: .milliseconds(5))
        let sweeper = Sweeper(targets: [target("a", backend, concurrency: 3)], scorers: [], recorder: MemoryRecorder(), logger: logger)
        _ = try await sweeper.run(SweepPlan(suites: [suite(cases: 30)], platforms: ["a"], routingKeys: []))
        #expect(backend.maxInFlight <= 3)
        #expect(backend.maxInFlight >= 2)
    }

    @Test func retriesTransientFailuresWithinTheBound() async throws {
        // Fails twice with a 503, then answers: 3 attempts allowed, so every request succeeds.
        let backend = ScriptedBackend { _, attempt in
            attempt <= 2 ? .fail(InfraError(.http5xx, "busy", status: 503, retryAfter: 0)) : .answer("ok")
        }
        let recorder = MemoryRecorder()
        let sweeper = Sweeper(targets: [target("a", backend, attempts: 3)], scorers: [MarkerScorer(marker: "ok")], recorder: recorder, logger: logger)
        let outcome = try await sweeper.run(SweepPlan(suites: [suite(cases: 4)], platforms: ["a"], routingKeys: []))
        #expect(outcome.completed == 4)
        #expect(outcome.attempts == 12)
        #expect(backend.attemptsBySeed.values.allSatisfy { $0 == 3 })
    }

    @Test func storesPersistentFailuresAsInfrastructureErrorsWithoutScores() async throws {
        let backend = ScriptedBackend { _, _ in .fail(InfraError(.http5xx, "down", status: 500)) }
        let recorder = MemoryRecorder()
        let sweeper = Sweeper(targets: [target("a", backend, attempts: 2)], scorers: [MarkerScorer(marker: "x")], recorder: recorder, logger: logger)
        let outcome = try await sweeper.run(SweepPlan(suites: [suite(cases: 3)], platforms: ["a"], routingKeys: []))
        #expect(outcome.failed == 3)
        #expect(recorder.records.allSatisfy { $0.result.error?.kind == .http5xx && $0.scores.isEmpty && $0.result.attempts == 2 })
    }

    @Test func doesNotRetryConfigurationErrors() async throws {
        let backend = ScriptedBackend { _, _ in .fail(InfraError(.http4xx, "unknown model", status: 404)) }
        let recorder = MemoryRecorder()
        let sweeper = Sweeper(targets: [target("a", backend, attempts: 5)], scorers: [], recorder: recorder, logger: logger)
        _ = try await sweeper.run(SweepPlan(suites: [suite(cases: 2)], platforms: ["a"], routingKeys: []))
        #expect(backend.requests.count == 2)
        #expect(recorder.records.allSatisfy { $0.result.attempts == 1 })
    }
}

struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.1, maxDelay: 2)

    @Test func backsOffExponentiallyWithJitter() throws {
        let error = InfraError(.timeout, "slow")
        let first = try #require(policy.delay(after: 1, error: error, jitter: 1))
        let second = try #require(policy.delay(after: 2, error: error, jitter: 1))
        #expect(abs(first - 0.1) < 1e-12)
        #expect(abs(second - 0.2) < 1e-12)
        #expect(abs((policy.delay(after: 2, error: error, jitter: 0) ?? 0) - 0.1) < 1e-12)
    }

    @Test func honoursRetryAfterUpToTheCap() {
        #expect(policy.delay(after: 1, error: InfraError(.http429, "slow down", retryAfter: 1.5), jitter: 0) == 1.5)
        #expect(policy.delay(after: 1, error: InfraError(.http429, "slow down", retryAfter: 60), jitter: 0) == 2)
    }

    @Test func stopsAtTheBoundAndOnConfigurationErrors() {
        #expect(policy.delay(after: 4, error: InfraError(.timeout, "slow"), jitter: 0.5) == nil)
        #expect(policy.delay(after: 1, error: InfraError(.http4xx, "bad key", status: 401), jitter: 0.5) == nil)
    }
}

struct ProportionTests {
    @Test func wilsonIntervalMatchesAKnownValue() throws {
        // 8 of 10: Wilson 95% interval is about [0.490, 0.943].
        let interval = try #require(Proportion(failures: 8, trials: 10).wilsonInterval())
        #expect(abs(interval.lowerBound - 0.4902) < 1e-3)
        #expect(abs(interval.upperBound - 0.9433) < 1e-3)
    }

    @Test func zeroSuccessesStayInsideTheUnitInterval() throws {
        let interval = try #require(Proportion(failures: 0, trials: 50).wilsonInterval())
        #expect(interval.lowerBound == 0)
        #expect(interval.upperBound > 0 && interval.upperBound < 0.1)
        #expect(Proportion(failures: 0, trials: 0).wilsonInterval() == nil)
    }

    @Test func quantilesInterpolate() {
        #expect(Quantiles.quantile([4, 1, 3, 2], 0.5) == 2.5)
        #expect(Quantiles.quantile([], 0.5) == nil)
    }
}

struct CircuitBreakerTests {
    final class ManualClock: @unchecked Sendable {
        var now = 0.0
    }

    @Test func opensAfterConsecutiveFailuresProbesAfterTheCooldownAndCloses() async {
        let time = ManualClock()
        let breaker = CircuitBreaker(threshold: 3, cooldown: 10, clock: { time.now })
        for _ in 0..<2 { await breaker.record(success: false) }
        #expect(await breaker.allow())
        await breaker.record(success: false)
        #expect(await breaker.allow() == false, "open after 3 failures")
        time.now = 11
        #expect(await breaker.allow(), "one probe after the cooldown")
        #expect(await breaker.allow() == false, "only one probe at a time")
        await breaker.record(success: false)
        #expect(await breaker.allow() == false, "a failed probe reopens")
        time.now = 30
        #expect(await breaker.allow())
        await breaker.record(success: true)
        let open = await breaker.isOpen
        #expect(await breaker.allow(), "a successful probe closes")
        #expect(!open)
    }

    @Test func aSweepStopsSendingToAPlatformThatKeepsFailing() async throws {
        let backend = ScriptedBackend { _, _ in .fail(InfraError(.http5xx, "down", status: 500)) }
        var configuration = PlatformConfiguration(name: "a", baseURL: "http://unused", model: "m", maxConcurrency: 1, maxAttempts: 1)
        configuration.circuitThreshold = 5
        configuration.circuitCooldown = 60
        let recorder = MemoryRecorder()
        let sweeper = Sweeper(
            targets: [.init(configuration: configuration, backend: backend)], scorers: [], recorder: recorder, logger: Logger(label: "t"))
        let suite = Suite(
            id: "s", version: 1, description: "", defaults: SamplingParameters(), cases: (0..<40).map { EvalCase(id: "c\($0)", prompt: .text("p")) })
        _ = try await sweeper.run(SweepPlan(suites: [suite], platforms: ["a"], routingKeys: []))
        #expect(backend.requests.count == 5, "requests sent before the circuit opened")
        #expect(recorder.records.filter { $0.result.error?.kind == .circuitOpen }.count == 35)
    }

    @Test func aPlatformDeadlineStopsSendingAndRecordsTimeouts() async throws {
        var configuration = PlatformConfiguration(name: "a", baseURL: "http://unused", model: "m", maxConcurrency: 1, maxAttempts: 1)
        configuration.platformDeadline = 0.05
        let recorder = MemoryRecorder()
        let sweeper = Sweeper(
            targets: [.init(configuration: configuration, backend: ScriptedBackend.echo(delay: .milliseconds(20)))], scorers: [], recorder: recorder,
            logger: Logger(label: "t")
        )
        let suite = Suite(
            id: "s", version: 1, description: "", defaults: SamplingParameters(), cases: (0..<20).map { EvalCase(id: "c\($0)", prompt: .text("p")) })
        _ = try await sweeper.run(SweepPlan(suites: [suite], platforms: ["a"], routingKeys: []))
        let timeouts = recorder.records.filter { $0.result.error?.kind == .timeout }
        #expect(recorder.records.count == 20)
        #expect(timeouts.count >= 10 && timeouts.allSatisfy { $0.result.attempts == 0 })
    }
}
