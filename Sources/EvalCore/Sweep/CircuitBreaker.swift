/// Stops a sweep from hammering a platform that keeps failing.
///
/// After `threshold` consecutive requests that failed (after their retries) the circuit opens: requests fail at once, as
/// `circuit-open`, without being sent. After `cooldown` seconds one probe request goes through;
/// its success closes the circuit, its failure opens it again.
public actor CircuitBreaker {
    /// Consecutive failures that open the circuit.
    public let threshold: Int
    /// Seconds the circuit stays open before a probe.
    public let cooldown: Double
    private let clock: @Sendable () -> Double
    private var failures = 0
    private var openUntil: Double?
    private var probing = false

    /// Creates a breaker.
    ///
    /// - Parameters:
    ///   - threshold: Consecutive failures that open the circuit.
    ///   - cooldown: Seconds before a probe.
    ///   - clock: Seconds on a monotonic clock (injected for tests).
    public init(threshold: Int = 8, cooldown: Double = 5, clock: @escaping @Sendable () -> Double) {
        self.threshold = threshold
        self.cooldown = cooldown
        self.clock = clock
    }

    /// Whether a request may be sent now.
    public func allow() -> Bool {
        guard let until = openUntil else { return true }
        guard clock() >= until, !probing else { return false }
        probing = true
        return true
    }

    /// Records the outcome of a request that was sent.
    public func record(success: Bool) {
        probing = false
        if success {
            failures = 0
            openUntil = nil
            return
        }
        failures += 1
        if failures >= threshold || openUntil != nil {
            openUntil = clock() + cooldown
        }
    }

    /// Whether the circuit is open now.
    public var isOpen: Bool {
        guard let until = openUntil else { return false }
        return clock() < until
    }
}
