/// How a platform's arithmetic perturbs the model's log-probabilities.
///
/// Real accelerators disagree in the last bits: bf16 logits, other reduction orders. These
/// perturbations are benign: they move probabilities by a fraction of a percent.
public enum Numerics: Sendable, Equatable {
    /// Exact: float64 throughout (the reference).
    case exact
    /// Logits rounded to bfloat16 (8 significant bits), as a bf16 accelerator computes them.
    case bfloat16
    /// Gaussian noise of the given standard deviation added to each logit.
    case noise(Double)

    /// Applies the perturbation to log-probabilities (used as logits) and renormalises.
    ///
    /// - Parameters:
    ///   - logprobs: Natural log-probabilities.
    ///   - generator: Source of the noise (unused by `exact` and `bfloat16`).
    func perturb(_ logprobs: inout [Double], using generator: inout SplitMix64Stream) {
        switch self {
        case .exact:
            return
        case .bfloat16:
            for i in logprobs.indices { logprobs[i] = Self.roundToBFloat16(logprobs[i]) }
        case .noise(let sigma):
            for i in logprobs.indices { logprobs[i] += sigma * generator.nextGaussian() }
        }
        LogSpace.normalise(&logprobs)
    }

    /// Rounds to the nearest bfloat16 value (round half to even on the dropped 16 bits).
    static func roundToBFloat16(_ value: Double) -> Double {
        let bits = Float(value).bitPattern
        let lsb = (bits >> 16) & 1
        let rounded = (bits &+ 0x7FFF &+ lsb) & 0xFFFF_0000
        return Double(Float(bitPattern: rounded))
    }
}
