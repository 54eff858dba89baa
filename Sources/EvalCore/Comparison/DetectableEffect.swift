import Foundation

/// The smallest regression a gate row could have seen: the minimum detectable effect (MDE).
///
/// A gate that passes has only shown that it saw no regression *large enough for its samples*. The
/// MDE says how large that is: the smallest increase δ in the candidate's failure rate, added to
/// every one of its samples (a fault on a share of requests, as the 2025 incidents were), that the
/// row's own decision rule flags with the given power. It is found by simulating the candidate's
/// failures case by case at the baseline's observed per-case rate plus δ, on a grid of δ, and
/// applying the rule the gate applies:
/// - the paired sign-flip test over cases (unit: the case), by its normal approximation, and never
///   where fewer cases differ than the exact test needs (2^-k above the level);
/// - for metrics with a calibrated null rate, also the exact binomial test over samples (unit: the
///   sample) against the larger of the null and the baseline's rate, the two tests Bonferroni-combined;
/// - the minimum effect on the pooled difference.
///
/// The level is the strictest Holm step, alpha over the number of rows: a regression in one row
/// alone must reach it.
public struct DetectableEffect: Sendable {
    /// One case of the row: the candidate's judged samples and the baseline's failures of its judged.
    public struct Case: Sendable, Equatable {
        public var candidateJudged: Int
        public var baselineFailed: Int
        public var baselineJudged: Int

        public init(candidateJudged: Int, baselineFailed: Int, baselineJudged: Int) {
            self.candidateJudged = candidateJudged
            self.baselineFailed = baselineFailed
            self.baselineJudged = baselineJudged
        }

        var baselineRate: Double { baselineJudged > 0 ? Double(baselineFailed) / Double(baselineJudged) : 0 }
    }

    /// The increases tried, in failure-rate points (absolute).
    public static let grid: [Double] = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.10, 0.15, 0.20, 0.30, 0.50, 1.0]

    /// The power asked for.
    public var power = 0.8
    /// Simulated runs per δ.
    public var simulations = 300
    /// The seed of the simulations (a verdict must not change from one invocation to the next).
    public var seed: UInt64 = 0x0D37_EC7A

    public init() {}

    /// The smallest δ on ``grid`` detected with ``power``, or `nil` when even δ = 100 points is not.
    ///
    /// - Parameters:
    ///   - cases: The row's paired cases.
    ///   - level: The significance level the row's p-value must reach (alpha over the rows).
    ///   - nullRate: The metric's calibrated null rate, when it has one.
    ///   - minimumEffect: The smallest pooled increase that counts.
    ///   - caseLevel: Whether the null-rate test counts failing cases rather than failing samples.
    public func minimum(cases: [Case], level: Double, nullRate: Double?, minimumEffect: Double, caseLevel: Bool = false) -> Double? {
        guard !cases.isEmpty, cases.contains(where: { $0.candidateJudged > 0 }) else { return nil }
        let rule = Rule(cases: cases, level: level, nullRate: nullRate, minimumEffect: minimumEffect, caseLevel: caseLevel)
        // Power grows with δ: bisect the grid for the first δ that reaches it.
        var low = 0
        var high = Self.grid.count
        while low < high {
            let middle = (low + high) / 2
            if rule.power(at: Self.grid[middle], simulations: simulations, seed: seed &+ UInt64(middle)) >= power {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low < Self.grid.count ? Self.grid[low] : nil
    }

    /// The decision rule of a gate row, precomputed for simulation.
    private struct Rule {
        let cases: [Case]
        let signFlipZ: Double
        let minimumNonzero: Int
        /// Candidate failures (over all its samples, or failing cases when `caseLevel`) at which the
        /// binomial test rejects; `nil` without a null rate.
        let binomialThreshold: Int?
        let caseLevel: Bool
        let baselineRate: Double
        let minimumEffect: Double

        init(cases: [Case], level: Double, nullRate: Double?, minimumEffect: Double, caseLevel: Bool) {
            self.cases = cases
            self.minimumEffect = minimumEffect
            self.caseLevel = caseLevel
            // With a null rate the row's p-value is twice the smaller of two p-values.
            let perTest = nullRate == nil ? level : level / 2
            signFlipZ = NormalQuantile.upper(perTest)
            // The exact sign-flip p-value is at least 2^-k with k differing cases.
            minimumNonzero = max(1, Int((-log2(perTest)).rounded(.up)))
            let failed = cases.reduce(0) { $0 + $1.baselineFailed }
            let judged = cases.reduce(0) { $0 + $1.baselineJudged }
            // Without baseline scores the gate measures the difference from the null rate.
            baselineRate = judged > 0 ? Double(failed) / Double(judged) : nullRate ?? 0
            if let nullRate {
                let samples = cases.reduce(0) { $0 + $1.candidateJudged }
                let trials = caseLevel ? cases.count : samples
                let rate =
                    caseLevel
                    ? DetectableEffect.caseRate(max(nullRate, baselineRate), samplesPerCase: Double(samples) / Double(cases.count))
                    : max(nullRate, baselineRate)
                var threshold: Int?
                var successes = max(1, Int(Double(trials) * rate))
                while successes <= trials {
                    if BinomialTest.upperTail(successes: successes, trials: trials, rate: rate) <= perTest {
                        threshold = successes
                        break
                    }
                    successes += 1
                }
                binomialThreshold = threshold
            } else {
                binomialThreshold = nil
            }
        }

        func power(at delta: Double, simulations: Int, seed: UInt64) -> Double {
            var generator = SplitMix64(seed: seed)
            var detected = 0
            for _ in 0..<simulations where rejects(delta: delta, using: &generator) { detected += 1 }
            return Double(detected) / Double(simulations)
        }

        private func rejects(delta: Double, using generator: inout SplitMix64) -> Bool {
            var sum = 0.0
            var squares = 0.0
            var nonzero = 0
            var failures = 0
            var failingCases = 0
            var trials = 0
            for item in cases where item.candidateJudged > 0 {
                let base = item.baselineRate
                let rate = min(1, base + delta)
                var failed = 0
                for _ in 0..<item.candidateJudged where Double(generator.next() >> 11) * 0x1p-53 < rate { failed += 1 }
                failures += failed
                if failed > 0 { failingCases += 1 }
                trials += item.candidateJudged
                let difference = Double(failed) / Double(item.candidateJudged) - base
                if difference != 0 {
                    nonzero += 1
                    sum += difference
                    squares += difference * difference
                }
            }
            guard trials > 0, Double(failures) / Double(trials) - baselineRate >= minimumEffect else { return false }
            if nonzero >= minimumNonzero, squares > 0, sum >= signFlipZ * squares.squareRoot() { return true }
            if let binomialThreshold, (caseLevel ? failingCases : failures) >= binomialThreshold { return true }
            return false
        }
    }
}

extension DetectableEffect {
    /// The probability that a case of `samplesPerCase` samples has at least one failure at a per-sample rate.
    public static func caseRate(_ rate: Double, samplesPerCase: Double) -> Double {
        1 - pow(1 - min(max(rate, 0), 1), max(samplesPerCase, 1))
    }

    /// The smallest increase in failure rate a one-sided comparison of two pooled proportions (the
    /// unit is the sample, as in `compare`'s Fisher test) detects with `power` at `level`, by the
    /// normal approximation; `nil` when not even the largest possible increase would be.
    ///
    /// - Parameters:
    ///   - baseline: The baseline's failures of its judged samples.
    ///   - candidateTrials: The candidate's judged samples.
    public static func twoProportions(baseline: Proportion, candidateTrials: Int, level: Double, power: Double = 0.8) -> Double? {
        guard let base = baseline.rate, candidateTrials > 0 else { return nil }
        let nA = Double(baseline.trials)
        let nB = Double(candidateTrials)
        let zAlpha = NormalQuantile.upper(level)
        let zBeta = NormalQuantile.upper(1 - power)
        func detected(_ delta: Double) -> Bool {
            let rate = base + delta
            let pooled = (nA * base + nB * rate) / (nA + nB)
            let null = (pooled * (1 - pooled) * (1 / nA + 1 / nB)).squareRoot()
            let alternative = (base * (1 - base) / nA + rate * (1 - rate) / nB).squareRoot()
            return zAlpha * null + zBeta * alternative <= delta
        }
        let largest = 1 - base
        guard largest > 0, detected(largest) else { return nil }
        var low = 0.0
        var high = largest
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if detected(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
