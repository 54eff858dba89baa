import Foundation

/// Quantiles of the standard normal distribution.
public enum NormalQuantile {
    /// The z with P(Z > z) = `tail`, found by bisection on `erfc` (to 1e-12).
    ///
    /// - Parameter tail: In (0, 1).
    public static func upper(_ tail: Double) -> Double {
        let tail = min(max(tail, 1e-300), 1 - 1e-16)
        var low = -40.0
        var high = 40.0
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if 0.5 * erfc(middle / 2.0.squareRoot()) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
