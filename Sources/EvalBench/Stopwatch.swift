/// Wall-clock measurement for benchmarks: the best of several rounds, since shared machines are noisy.
struct Stopwatch {
    /// Runs `body` `rounds` times and returns the fastest round in seconds.
    static func best(rounds: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = clock.now
            try body()
            let elapsed = start.duration(to: clock.now)
            let (seconds, attoseconds) = elapsed.components
            best = min(best, Double(seconds) + Double(attoseconds) / 1e18)
        }
        return best
    }

    /// The fastest of several rounds of an async body, in seconds.
    static func bestAsync(rounds: Int = 3, _ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = clock.now
            try await body()
            let elapsed = start.duration(to: clock.now)
            let (seconds, attoseconds) = elapsed.components
            best = min(best, Double(seconds) + Double(attoseconds) / 1e18)
        }
        return best
    }
}
