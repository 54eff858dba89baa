import Logging

/// Runs a sweep: every planned request against its platform, with bounded concurrency per
/// platform and bounded retries, scoring and recording each sample as soon as it completes.
///
/// Backend failures are recorded as infrastructure errors and never scored. A failure of the
/// recorder (the store) stops the sweep, since results could no longer be kept.
public struct Sweeper: Sendable {
    /// A platform and the backend that reaches it.
    public struct Target: Sendable {
        public var configuration: PlatformConfiguration
        public var backend: any ModelBackend
        public init(configuration: PlatformConfiguration, backend: any ModelBackend) {
            self.configuration = configuration
            self.backend = backend
        }
    }

    /// Counts of what a sweep did.
    public struct Outcome: Sendable, Equatable {
        /// Requests that produced a completion.
        public var completed = 0
        /// Requests that failed after their retries.
        public var failed = 0
        /// Attempts made in all.
        public var attempts = 0
        public init() {}
    }

    private let targets: [Target]
    private let scorers: [any SampleScorer]
    private let requestScorers: [any RequestScorer]
    private let recorder: any SweepRecorder
    private let redactor: SecretRedactor
    private let logger: Logger

    /// Creates a sweeper.
    ///
    /// - Parameters:
    ///   - targets: The platforms to send requests to.
    ///   - scorers: Scorers applied to every completion.
    ///   - requestScorers: Scorers that also need the request (drift replay).
    ///   - recorder: Where samples go.
    ///   - redactor: The secrets to remove from what backends return before it is scored or stored.
    ///   - logger: Where to log.
    public init(
        targets: [Target], scorers: [any SampleScorer], requestScorers: [any RequestScorer] = [], recorder: any SweepRecorder,
        redactor: SecretRedactor = .none, logger: Logger
    ) {
        self.redactor = redactor
        self.targets = targets
        self.scorers = scorers
        self.requestScorers = requestScorers
        self.recorder = recorder
        self.logger = logger
    }

    /// Runs every item of the plan.
    ///
    /// - Parameter plan: The requests.
    /// - Returns: Counts of completed and failed requests.
    /// - Throws: The recorder's error, or `CancellationError`.
    public func run(_ plan: SweepPlan) async throws -> Outcome {
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            for target in targets {
                let items = plan.items[target.configuration.name] ?? []
                group.addTask { try await self.run(items, on: target) }
            }
            var total = Outcome()
            for try await outcome in group {
                total.completed += outcome.completed
                total.failed += outcome.failed
                total.attempts += outcome.attempts
            }
            return total
        }
    }

    private func run(_ items: [WorkItem], on target: Target) async throws -> Outcome {
        let width = max(1, target.configuration.maxConcurrency)
        let policy = RetryPolicy(maxAttempts: max(1, target.configuration.maxAttempts))
        let origin = ContinuousClock.now
        let breaker = CircuitBreaker(
            threshold: target.configuration.circuitThreshold, cooldown: target.configuration.circuitCooldown,
            clock: { (ContinuousClock.now - origin).seconds }
        )
        let deadline = target.configuration.platformDeadline.map { origin + .milliseconds(Int($0 * 1000)) }
        return try await withThrowingTaskGroup(of: SampleResult.self) { group in
            var outcome = Outcome()
            var next = items.makeIterator()
            func submit() -> Bool {
                guard let item = next.next() else { return false }
                // Scoring and recording run in the request's task, so slow scorers (toolchains, the
                // reference's replay, which batches concurrent samples) overlap like the requests do,
                // and the store commits the samples that complete together in one transaction.
                group.addTask {
                    let result = self.redactor.redact(await self.execute(item, on: target, policy: policy, breaker: breaker, deadline: deadline))
                    let scores = await self.score(result)
                    // An interrupted sweep drops what is in flight rather than recording it as failed.
                    try Task.checkCancellation()
                    try await self.recorder.record(result, scores: scores)
                    return result
                }
                return true
            }
            for _ in 0..<width where !submit() { break }
            while let result = try await group.next() {
                try Task.checkCancellation()
                outcome.attempts += result.attempts
                if result.error == nil { outcome.completed += 1 } else { outcome.failed += 1 }
                _ = submit()
            }
            return outcome
        }
    }

    private func score(_ result: SampleResult) async -> [Score] {
        guard let completion = result.completion else {
            for scorer in requestScorers { await scorer.failed(result.work) }
            return []
        }
        var scores: [Score] = []
        for scorer in scorers {
            if let score = await scorer.score(completion, for: result.work.evalCase) { scores.append(score) }
        }
        for scorer in requestScorers {
            scores += await scorer.scores(completion, for: result.work)
        }
        return scores
    }

    private func execute(
        _ item: WorkItem, on target: Target, policy: RetryPolicy, breaker: CircuitBreaker, deadline: ContinuousClock.Instant?
    ) async -> SampleResult {
        let request = CompletionRequest(item, on: target.configuration)
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            if let deadline, clock.now >= deadline {
                let error = InfraError(.timeout, "the platform's sweep deadline of \(target.configuration.platformDeadline ?? 0)s passed")
                return SampleResult(work: item, outcome: .failure(error), latency: start.duration(to: clock.now).seconds, attempts: attempt)
            }
            guard await breaker.allow() else {
                let error = InfraError(.circuitOpen, "not sent: \(breaker.threshold) consecutive failures opened the platform's circuit")
                return SampleResult(work: item, outcome: .failure(error), latency: start.duration(to: clock.now).seconds, attempts: attempt)
            }
            attempt += 1
            do {
                let completion = try await target.backend.complete(request, logger: logger)
                await breaker.record(success: true)
                return SampleResult(work: item, outcome: .success(completion), latency: start.duration(to: clock.now).seconds, attempts: attempt)
            } catch {
                let jitter = Double.random(in: 0..<1, using: &generator)
                guard let delay = policy.delay(after: attempt, error: error, jitter: jitter), !Task.isCancelled else {
                    // The breaker counts requests that failed after their retries; a refused request
                    // (4xx) says nothing about the platform's health.
                    await breaker.record(success: error.kind == .http4xx)
                    logger.debug(
                        "Request failed",
                        metadata: ["platform": "\(item.platform)", "case": "\(item.evalCase.id)", "error.kind": "\(error.kind.rawValue)"]
                    )
                    return SampleResult(work: item, outcome: .failure(error), latency: start.duration(to: clock.now).seconds, attempts: attempt)
                }
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
