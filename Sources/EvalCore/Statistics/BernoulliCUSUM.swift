import Foundation

/// Page's CUSUM on counts of failures: the log-likelihood ratio of a raised failure rate over a
/// null rate, accumulated run after run and floored at zero.
///
/// Lorden's bound makes the threshold a false-alarm budget: while the true rate is at most
/// ``nullRate``, the average number of runs before the statistic first exceeds `h` is at least
/// `e^h`. ``threshold(detectors:checksPerPeriod:falseAlarmsPerPeriod:)`` turns a budget of false
/// alarms across many detectors into that `h`.
public struct BernoulliCUSUM: Sendable, Equatable {
    /// The failure rate of a healthy stream.
    public var nullRate: Double
    /// The raised rate the statistic is tuned to detect.
    public var alternativeRate: Double

    /// Creates the increment of a CUSUM.
    ///
    /// - Parameters:
    ///   - nullRate: Healthy rate, clamped into (0, 1).
    ///   - alternativeRate: Raised rate, above `nullRate`.
    public init(nullRate: Double, alternativeRate: Double) {
        let epsilon = 1e-9
        self.nullRate = min(max(nullRate, epsilon), 1 - 2 * epsilon)
        self.alternativeRate = min(max(alternativeRate, self.nullRate + epsilon), 1 - epsilon)
    }

    /// The tuning of a detector: the alternative is `ratio` times the null rate, and at least
    /// `minimumIncrease` above it.
    public init(nullRate: Double, ratio: Double, minimumIncrease: Double) {
        self.init(nullRate: nullRate, alternativeRate: max(nullRate * ratio, nullRate + minimumIncrease))
    }

    /// log P(failures | alternative) − log P(failures | null) for `failed` of `judged` trials.
    public func logLikelihoodRatio(failed: Int, judged: Int) -> Double {
        let x = Double(failed)
        let rest = Double(judged - failed)
        return x * log(alternativeRate / nullRate) + rest * (log1p(-alternativeRate) - log1p(-nullRate))
    }

    /// The threshold that keeps expected false alarms within a budget.
    ///
    /// - Parameters:
    ///   - detectors: How many detectors run side by side.
    ///   - checksPerPeriod: How many times each is updated per period (sweeps per week).
    ///   - falseAlarmsPerPeriod: The budget of false alarms across all detectors per period.
    /// - Returns: `log(detectors × checksPerPeriod / falseAlarmsPerPeriod)`, so each detector's
    ///   average run length to a false alarm is at least its share of the budget.
    public static func threshold(detectors: Int, checksPerPeriod: Double, falseAlarmsPerPeriod: Double) -> Double {
        log(max(1, Double(max(detectors, 1)) * checksPerPeriod / falseAlarmsPerPeriod))
    }
}
