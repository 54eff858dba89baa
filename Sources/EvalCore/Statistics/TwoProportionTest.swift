import Foundation

/// Whether a failure rate B is higher than a failure rate A: the difference with Newcombe's
/// hybrid score interval, and a one-sided p-value (Fisher's exact test when failures are few,
/// the pooled z-test otherwise).
public struct TwoProportionTest: Sendable, Equatable {
    /// A's failures of A's trials.
    public var a: Proportion
    /// B's failures of B's trials.
    public var b: Proportion

    /// Creates the test.
    public init(a: Proportion, b: Proportion) {
        self.a = a
        self.b = b
    }

    /// B's rate minus A's, or `nil` when either has no trials.
    public var difference: Double? {
        guard let rateA = a.rate, let rateB = b.rate else { return nil }
        return rateB - rateA
    }

    /// Newcombe's (1998) method 10: an interval for B − A from the two Wilson intervals.
    public func interval(z: Double = 1.959964) -> ClosedRange<Double>? {
        guard let rateA = a.rate, let rateB = b.rate, let wilsonA = a.wilsonInterval(z: z), let wilsonB = b.wilsonInterval(z: z) else { return nil }
        let difference = rateB - rateA
        let low =
            difference
            - ((rateB - wilsonB.lowerBound) * (rateB - wilsonB.lowerBound) + (wilsonA.upperBound - rateA) * (wilsonA.upperBound - rateA)).squareRoot()
        let high =
            difference
            + ((wilsonB.upperBound - rateB) * (wilsonB.upperBound - rateB) + (rateA - wilsonA.lowerBound) * (rateA - wilsonA.lowerBound)).squareRoot()
        return max(-1, low)...min(1, high)
    }

    /// P(B's failures this high or higher | both rates equal), one-sided.
    public var pValueBHigher: Double {
        guard a.trials > 0, b.trials > 0 else { return 1 }
        let failures = a.failures + b.failures
        guard failures > 0 else { return 1 }
        if failures <= 5_000 {
            return Self.hypergeometricUpperTail(drawn: b.failures, successes: failures, sampleSize: b.trials, population: a.trials + b.trials)
        }
        let pooled = Double(failures) / Double(a.trials + b.trials)
        let standardError = (pooled * (1 - pooled) * (1 / Double(a.trials) + 1 / Double(b.trials))).squareRoot()
        guard standardError > 0, let difference else { return 1 }
        return 0.5 * erfc(difference / standardError / 2.0.squareRoot())
    }

    /// P(X ≥ `drawn`) for X the successes among `sampleSize` draws without replacement from a
    /// population of `population` holding `successes` successes.
    ///
    /// Summed in log space.
    static func hypergeometricUpperTail(drawn: Int, successes: Int, sampleSize: Int, population: Int) -> Double {
        let upper = min(successes, sampleSize)
        let lower = max(0, sampleSize - (population - successes))
        guard drawn > lower else { return 1 }
        guard drawn <= upper else { return 0 }
        func logChoose(_ n: Int, _ k: Int) -> Double {
            lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
        }
        let logDenominator = logChoose(population, sampleSize)
        var terms: [Double] = []
        for k in drawn...upper {
            terms.append(logChoose(successes, k) + logChoose(population - successes, sampleSize - k) - logDenominator)
        }
        let largest = terms.max() ?? -.infinity
        let total = terms.reduce(0) { $0 + exp($1 - largest) }
        return min(1, exp(largest) * total)
    }
}
