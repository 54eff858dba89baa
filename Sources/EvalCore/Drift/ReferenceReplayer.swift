/// Batches teacher-forcing requests to the reference platform: texts submitted concurrently go
/// out together, up to the platform's batch size, after at most a short wait.
///
/// Each batch has bounded retries; a batch that still fails fails each of its texts with the
/// infrastructure error, which scorers store as unavailable, never as a regression.
public struct ReferenceReplayer: Sendable {
    private let source: any TeacherForcing
    private let batcher: Batcher<ForcingRequest, Result<[ForcedToken], InfraError>>

    /// Creates a replayer.
    ///
    /// - Parameters:
    ///   - source: The reference platform.
    ///   - topLogprobs: Alternatives per position (the nucleus check needs enough to cover top-p).
    ///   - policy: Retries per batch.
    ///   - linger: How long a lone text waits for company.
    public init(source: any TeacherForcing, topLogprobs: Int = 20, policy: RetryPolicy = RetryPolicy(), linger: Duration = .milliseconds(5)) {
        self.source = source
        self.batcher = Batcher(policy: .init(maxBatch: max(1, source.maxBatch), linger: linger)) { requests in
            switch await Self.send(requests, to: source, topLogprobs: topLogprobs, policy: policy) {
            case .success(let tokens) where tokens.count == requests.count:
                return tokens.map { .success($0) }
            case .success(let tokens):
                let error = InfraError(.malformedBody, "the reference answered \(tokens.count) texts for a batch of \(requests.count)")
                return requests.map { _ in .failure(error) }
            case .failure(let error):
                return requests.map { _ in .failure(error) }
            }
        }
    }

    /// How the reference scores answers.
    public var method: String { source.method }

    /// The reference's tokens over an answer, offsets from the answer's start.
    public func forced(_ request: ForcingRequest) async -> Result<[ForcedToken], InfraError> {
        await batcher.submit(request)
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
