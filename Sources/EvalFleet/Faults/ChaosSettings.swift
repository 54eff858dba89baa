/// Infrastructure failures a fleet platform injects, each at its own rate, for reliability tests.
///
/// Unlike faults, chaos is drawn afresh for every attempt, so a retry can succeed.
public struct ChaosSettings: Sendable, Equatable {
    /// Answer 503 (half of them with `Retry-After`).
    public var serverError: Double = 0
    /// Answer 429 with `Retry-After: 1`.
    public var rateLimited: Double = 0
    /// Answer only after ``slowSeconds`` (beyond a client's deadline).
    public var slow: Double = 0
    /// How long a slow answer takes.
    public var slowSeconds: Double = 30
    /// Answer 200 with a body that is not JSON.
    public var malformed: Double = 0
    /// Announce a body and close the connection half-way through it.
    public var cut: Double = 0

    /// No chaos.
    public init() {}

    /// Sets every mode to the same rate.
    public init(each rate: Double, slowSeconds: Double = 30) {
        serverError = rate
        rateLimited = rate
        slow = rate
        malformed = rate
        cut = rate
        self.slowSeconds = slowSeconds
    }

    /// The total rate of failures.
    public var total: Double { serverError + rateLimited + slow + malformed + cut }

    /// What to do with one attempt, for a uniform draw in [0, 1).
    public func outcome(for draw: Double) -> Outcome {
        var edge = serverError
        if draw < edge { return .serverError }
        edge += rateLimited
        if draw < edge { return .rateLimited }
        edge += slow
        if draw < edge { return .slow }
        edge += malformed
        if draw < edge { return .malformed }
        edge += cut
        if draw < edge { return .cut }
        return .normal
    }

    /// What happens to an attempt.
    public enum Outcome: Sendable, Equatable {
        case normal, serverError, rateLimited, slow, malformed, cut
    }
}
