import Foundation

/// Sizes sweeps: how many samples per platform a sweep needs for the regression detector to
/// catch a fault that affects a share of requests, with a given probability, within a number of
/// sweeps of its onset.
///
/// It uses the detectors' own statistics: the same Bernoulli CUSUM (null rate, alternative rate
/// from ``AlertPolicy/rateRatio`` and ``AlertPolicy/minimumIncrease``) and the same threshold
/// from the false-alarm budget. The power is computed, not simulated: the distribution of the
/// CUSUM statistic is carried sweep by sweep on a fine grid, each sweep's failures drawn from
/// the exact binomial.
public struct DetectionPlanner: Sendable {
    /// The detector's increments.
    public let cusum: BernoulliCUSUM
    /// The alarm threshold.
    public let threshold: Double

    /// Creates a planner for one detector.
    ///
    /// - Parameters:
    ///   - nullRate: The stream's healthy failure rate (a calibrated null rate, or the baseline's upper bound).
    ///   - policy: The alert policy (tuning and false-alarm budget).
    ///   - detectors: How many detectors share the budget.
    public init(nullRate: Double, policy: AlertPolicy, detectors: Int) {
        cusum = BernoulliCUSUM(nullRate: nullRate, ratio: policy.rateRatio, minimumIncrease: policy.minimumIncrease)
        threshold = policy.threshold(detectors: detectors)
    }

    /// The failure rate of a stream when a share of requests is affected.
    ///
    /// - Parameters:
    ///   - affected: Share of requests the fault affects.
    ///   - sensitivity: Share of affected requests whose sample fails the metric.
    public func failureRate(affected: Double, sensitivity: Double) -> Double {
        let p0 = cusum.nullRate
        return min(1, p0 + (1 - p0) * affected * sensitivity)
    }

    /// The probability that the detector alarms within `sweeps` sweeps of `samples` samples each,
    /// when each sample fails with probability `failureRate`, starting from a statistic of zero.
    public func power(samples: Int, failureRate: Double, sweeps: Int) -> Double {
        guard samples > 0, sweeps > 0 else { return 0 }
        let cells = 2_000
        let width = threshold / Double(cells)
        let up = log(cusum.alternativeRate / cusum.nullRate)
        let down = log1p(-cusum.nullRate) - log1p(-cusum.alternativeRate)
        // The binomial's mass where it matters (beyond 1e-15 on either side nothing changes).
        let counts = Self.binomialSupport(trials: samples, rate: failureRate)
        var alive = [Double](repeating: 0, count: cells)
        alive[0] = 1
        var alarmed = 0.0
        for _ in 0..<sweeps {
            var next = [Double](repeating: 0, count: cells)
            for (cell, mass) in alive.enumerated() where mass > 1e-18 {
                let statistic = Double(cell) * width
                for (failed, probability) in counts {
                    let value = statistic + Double(failed) * up - Double(samples - failed) * down
                    if value > threshold {
                        alarmed += mass * probability
                    } else {
                        next[max(0, Int(value / width))] += mass * probability
                    }
                }
            }
            alive = next
        }
        return min(1, alarmed)
    }

    /// The smallest number of samples per sweep that reaches `power`, up to `limit`; `nil` when
    /// none does (the failure rate is too close to the null for this tuning: more samples only
    /// push the statistic down faster).
    public func samplesNeeded(failureRate: Double, power target: Double, sweeps: Int, limit: Int = 1_000_000) -> Int? {
        var high = 16
        while power(samples: high, failureRate: failureRate, sweeps: sweeps) < target {
            high *= 2
            if high > limit { return nil }
        }
        var low = high / 2
        while high - low > max(1, low / 100) {
            let middle = (low + high) / 2
            if power(samples: middle, failureRate: failureRate, sweeps: sweeps) >= target { high = middle } else { low = middle }
        }
        return high
    }

    /// Failure counts with their binomial probabilities, leaving out counts of negligible mass.
    static func binomialSupport(trials: Int, rate: Double) -> [(Int, Double)] {
        guard rate > 0 else { return [(0, 1)] }
        guard rate < 1 else { return [(trials, 1)] }
        let n = Double(trials)
        let logP = log(rate)
        let logQ = log1p(-rate)
        let mode = Int((n + 1) * rate)
        let logTrials: Double = lgamma(n + 1)
        func term(_ k: Int) -> Double {
            let x = Double(k)
            let choose: Double = logTrials - lgamma(x + 1) - lgamma(n - x + 1)
            let weight: Double = x * logP + (n - x) * logQ
            return exp(choose + weight)
        }
        var support: [(Int, Double)] = []
        var k = min(mode, trials)
        while k >= 0 {
            let probability = term(k)
            if probability < 1e-15, k < mode { break }
            support.append((k, probability))
            k -= 1
        }
        k = min(mode, trials) + 1
        while k <= trials {
            let probability = term(k)
            if probability < 1e-15 { break }
            support.append((k, probability))
            k += 1
        }
        return support
    }
}
