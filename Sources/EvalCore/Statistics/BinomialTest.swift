import Foundation

/// Exact binomial tail probabilities: how surprising a count of failures is under a null rate.
public enum BinomialTest {
    /// P(X ≥ `successes`) for X ~ Binomial(`trials`, `rate`).
    ///
    /// Summed in log space from the observed count upward, so tails far below 1e-300 underflow to
    /// 0 rather than to garbage.
    public static func upperTail(successes: Int, trials: Int, rate: Double) -> Double {
        guard successes > 0 else { return 1 }
        guard successes <= trials else { return 0 }
        guard rate > 0 else { return 0 }
        guard rate < 1 else { return 1 }
        let logP = log(rate)
        let logQ = log1p(-rate)
        let n = Double(trials)
        var total = 0.0
        var largest = -Double.infinity
        var terms: [Double] = []
        terms.reserveCapacity(trials - successes + 1)
        for k in successes...trials {
            let x = Double(k)
            let term = lgamma(n + 1) - lgamma(x + 1) - lgamma(n - x + 1) + x * logP + (n - x) * logQ
            terms.append(term)
            largest = max(largest, term)
            // Terms fall geometrically past the mode; stop once they no longer matter.
            if term < largest - 40 { break }
        }
        for term in terms { total += exp(term - largest) }
        return min(1, exp(largest) * total)
    }

    /// The exact (Clopper–Pearson) one-sided upper confidence bound of a rate.
    ///
    /// - Parameters:
    ///   - successes: Observed count.
    ///   - trials: Trials.
    ///   - confidence: For example 0.999.
    /// - Returns: The largest rate under which seeing this few successes still has probability ≥ 1 − confidence.
    public static func upperBound(successes: Int, trials: Int, confidence: Double) -> Double {
        guard trials > 0, successes < trials else { return 1 }
        var low = Double(successes) / Double(trials)
        var high = 1.0
        for _ in 0..<100 {
            let middle = (low + high) / 2
            // P(X ≤ successes | middle)
            let lowerTail = 1 - upperTail(successes: successes + 1, trials: trials, rate: middle)
            if lowerTail > 1 - confidence { low = middle } else { high = middle }
        }
        return high
    }
}
