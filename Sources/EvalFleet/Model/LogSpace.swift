import Foundation
import EvalCore

/// Arithmetic on natural log-probabilities.
enum LogSpace {
    /// Shifts log-probabilities so their exponentials sum to 1.
    static func normalise(_ logprobs: inout [Double]) {
        guard let maximum = logprobs.max(), maximum.isFinite else { return }
        var total = 0.0
        for value in logprobs { total += exp(value - maximum) }
        let shift = maximum + log(total)
        for i in logprobs.indices { logprobs[i] -= shift }
    }
}

/// A seeded stream of uniform and Gaussian draws.
struct SplitMix64Stream {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func nextUniform() -> Double { generator.nextUniform() }

    /// A standard normal draw (Box–Muller).
    mutating func nextGaussian() -> Double {
        let u1 = max(nextUniform(), 1e-300)
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
