/// A count of failures out of judged samples (every proportion evalctl tests is a failure rate),
/// with its confidence interval.
public struct Proportion: Sendable, Equatable {
    /// Failures.
    public var failures: Int
    /// Judged samples (trials).
    public var trials: Int

    /// Creates a proportion.
    public init(failures: Int, trials: Int) {
        self.failures = failures
        self.trials = trials
    }

    /// Both counts divided by a design effect, rounded (at least one trial): what dependent samples
    /// are worth as independent ones.
    public func dividing(by effect: Double) -> Proportion {
        guard effect > 1 else { return self }
        let worth = max(1, Int((Double(trials) / effect).rounded()))
        return Proportion(failures: min(worth, Int((Double(failures) / effect).rounded())), trials: worth)
    }

    /// The observed rate, or `nil` with no trials.
    public var rate: Double? {
        trials == 0 ? nil : Double(failures) / Double(trials)
    }

    /// Wilson score interval, which stays inside [0, 1] and behaves at rates near 0 and 1.
    ///
    /// - Parameter z: The normal quantile; 1.96 for 95%.
    /// - Returns: The interval, or `nil` with no trials.
    public func wilsonInterval(z: Double = 1.959964) -> ClosedRange<Double>? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(failures) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        return max(0, centre - half)...min(1, centre + half)
    }
}
