/// How often and how patiently a failed request is retried.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Delay before the second attempt, in seconds; doubles after each failure.
    public var baseDelay: Double
    /// Upper bound of one delay, in seconds (a longer `Retry-After` is capped to it).
    public var maxDelay: Double

    /// Creates a retry policy.
    public init(maxAttempts: Int = 3, baseDelay: Double = 0.2, maxDelay: Double = 10) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The delay before attempt `attempt + 1`, after `error`, or `nil` when no retry should follow.
    ///
    /// Exponential backoff with full jitter; a `Retry-After` from the server is honoured as a floor.
    /// - Parameters:
    ///   - attempt: Attempts made so far (1 after the first).
    ///   - error: The last attempt's failure.
    ///   - jitter: A uniform draw in [0, 1), passed in so the policy stays deterministic.
    public func delay(after attempt: Int, error: InfraError, jitter: Double) -> Double? {
        guard error.isRetryable, attempt < maxAttempts else { return nil }
        let exponential = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        let jittered = exponential * (0.5 + 0.5 * jitter)
        if let retryAfter = error.retryAfter {
            return min(maxDelay, max(jittered, retryAfter))
        }
        return jittered
    }
}
