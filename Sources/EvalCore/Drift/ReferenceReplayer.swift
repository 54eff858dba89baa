/// Batches teacher-forcing requests to the reference platform: texts submitted concurrently go
/// out together, up to the platform's batch size, after at most a short wait.
///
/// Each batch has bounded retries; a batch that still fails fails each of its texts with the
/// infrastructure error, which scorers store as unavailable, never as a regression.
public actor ReferenceReplayer {
    private let source: any TeacherForcing
    private let topLogprobs: Int
    private let policy: RetryPolicy
    private let linger: Duration
    private var waiting: [(request: ForcingRequest, reply: CheckedContinuation<Result<[ForcedToken], InfraError>, Never>)] = []
    private var flushScheduled = false

    /// Creates a replayer.
    ///
    /// - Parameters:
    ///   - source: The reference platform.
    ///   - topLogprobs: Alternatives per position (the nucleus check needs enough to cover top-p).
    ///   - policy: Retries per batch.
    ///   - linger: How long a lone text waits for company.
    public init(source: any TeacherForcing, topLogprobs: Int = 20, policy: RetryPolicy = RetryPolicy(), linger: Duration = .milliseconds(5)) {
        self.source = source
        self.topLogprobs = topLogprobs
        self.policy = policy
        self.linger = linger
    }

    /// How the reference scores answers.
    public nonisolated var method: String { source.method }

    /// The reference's tokens over an answer, offsets from the answer's start.
    public func forced(_ request: ForcingRequest) async -> Result<[ForcedToken], InfraError> {
        await withCheckedContinuation { reply in
            waiting.append((request, reply))
            if waiting.count >= max(1, source.maxBatch) {
                flush()
            } else if !flushScheduled {
                flushScheduled = true
                Task {
                    try? await Task.sleep(for: linger)
                    self.flushDue()
                }
            }
        }
    }

    private func flushDue() {
        flushScheduled = false
        flush()
    }

    private func flush() {
        guard !waiting.isEmpty else { return }
        let batch = waiting
        waiting = []
        let source = source
        let topLogprobs = topLogprobs
        let policy = policy
        Task {
            let result = await Self.send(batch.map(\.request), to: source, topLogprobs: topLogprobs, policy: policy)
            switch result {
            case .success(let tokens) where tokens.count == batch.count:
                for (entry, forced) in zip(batch, tokens) { entry.reply.resume(returning: .success(forced)) }
            case .success(let tokens):
                let error = InfraError(.malformedBody, "the reference answered \(tokens.count) texts for a batch of \(batch.count)")
                for entry in batch { entry.reply.resume(returning: .failure(error)) }
            case .failure(let error):
                for entry in batch { entry.reply.resume(returning: .failure(error)) }
            }
        }
    }

    private static func send(_ requests: [ForcingRequest], to source: any TeacherForcing, topLogprobs: Int, policy: RetryPolicy) async -> Result<
        [[ForcedToken]], InfraError
    > {
        var attempt = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            attempt += 1
            do {
                return .success(try await source.teacherForce(requests, topLogprobs: topLogprobs))
            } catch {
                guard let delay = policy.delay(after: attempt, error: error, jitter: Double.random(in: 0..<1, using: &generator)) else {
                    return .failure(error)
                }
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
    }
}
