/// What one request of a sweep produced: a completion or an infrastructure error.
public struct SampleResult: Sendable, Equatable {
    /// Which request this was.
    public var work: WorkItem
    /// The completion, or the error that prevented it.
    public var outcome: Result<Completion, InfraError>
    /// Wall-clock time from first send to the final answer, in seconds, retries included.
    public var latency: Double
    /// How many attempts were made.
    public var attempts: Int

    /// Creates a result.
    public init(work: WorkItem, outcome: Result<Completion, InfraError>, latency: Double, attempts: Int) {
        self.work = work
        self.outcome = outcome
        self.latency = latency
        self.attempts = attempts
    }

    /// The completion, when the request succeeded.
    public var completion: Completion? {
        if case .success(let completion) = outcome { completion } else { nil }
    }

    /// The error, when the request failed.
    public var error: InfraError? {
        if case .failure(let error) = outcome { error } else { nil }
    }
}
