import EvalCore

/// A serving fault a fleet platform can reproduce, with its rate and schedule.
public struct Fault: Sendable, Equatable {
    /// The three bugs of the August–September 2025 postmortem.
    public enum Kind: String, Sendable, CaseIterable {
        /// A sticky share of routing keys is served by a pool configured for a 1M-token context,
        /// whose answers to short prompts are worse.
        case contextMisroute = "context-misroute"
        /// In a share of requests, a few positions give high probability to a wrong token,
        /// often from another script.
        case tokenCorruption = "token-corruption"
        /// In a share of requests, the sampling set misses the most likely token (approximate
        /// top-k with a bf16/fp32 mismatch); the reported log-probabilities stay true.
        case approxTopK = "approx-topk"
    }

    /// Which fault.
    public var kind: Kind
    /// Share of requests (or, for misrouting, of routing keys) affected once fully on.
    public var rate: Double
    /// Seconds after the fleet's clock origin when the fault starts.
    public var start: Double
    /// Seconds over which the rate rises linearly from 0 to ``rate``.
    public var ramp: Double
    /// Seconds after the clock origin when the fault stops (`nil`: never).
    ///
    /// A schedule of several
    /// faults of one kind (0.8% from one day, 16% for one day) is a list of faults with ends.
    public var end: Double?

    /// Creates a fault.
    public init(kind: Kind, rate: Double, start: Double = 0, ramp: Double = 0, end: Double? = nil) {
        self.kind = kind
        self.rate = rate
        self.start = start
        self.ramp = ramp
        self.end = end
    }

    /// The rate in force at a time on the fleet's clock.
    public func rate(at time: Double) -> Double {
        guard time >= start, time < (end ?? .infinity) else { return 0 }
        guard ramp > 0 else { return rate }
        return rate * min(1, (time - start) / ramp)
    }

    /// Whether a request (or routing key) is affected: a deterministic draw from its identity,
    /// so the same request is affected the same way on every replay.
    ///
    /// The draw does not depend on
    /// the rate, so the keys affected at a low rate stay affected at a higher one (sticky routing).
    public func affects(_ identity: String, platform: String, at time: Double) -> Bool {
        let current = rate(at: time)
        guard current > 0 else { return false }
        return StableHash.uniform(of: "\(kind.rawValue)\u{0}\(platform)\u{0}\(identity)") < current
    }
}
