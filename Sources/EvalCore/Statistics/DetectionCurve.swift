/// How well a per-sample drift statistic tells a platform from healthy ones: the area under the ROC
/// curve of one sample, and the detection rate of a test on the mean of k samples at a fixed
/// false-alarm rate, against the number of samples.
///
/// The test's threshold is the (1 − false-alarm rate) quantile of the mean of k samples drawn from
/// the healthy pool; its detection rate is the share of means of k of the platform's samples above
/// it. Both are estimated by resampling with replacement from a seeded generator, so a curve is the
/// same on every run.
public struct DetectionCurve: Sendable, Equatable {
    /// One point of the curve.
    public struct Point: Sendable, Equatable {
        /// Samples per test.
        public var samples: Int
        /// Share of tests that exceed the healthy threshold.
        public var detectionRate: Double
    }

    /// P(a platform sample's statistic > a healthy sample's), ties counted half.
    public var auc: Double
    /// The detection rate per number of samples.
    public var points: [Point]

    /// Computes a curve.
    ///
    /// - Parameters:
    ///   - candidate: The platform's per-sample statistics (larger means more drift).
    ///   - healthy: Healthy platforms' per-sample statistics against the same reference.
    ///   - sampleCounts: The k of each point.
    ///   - falseAlarmRate: The healthy pool's share of tests allowed over the threshold.
    ///   - draws: Resampled tests per point.
    ///   - seed: The resampling seed.
    /// - Returns: `nil` when either side has no samples.
    public init?(
        candidate: [Double], healthy: [Double], sampleCounts: [Int], falseAlarmRate: Double = 0.01, draws: Int = 2_000, seed: UInt64 = 1
    ) {
        guard !candidate.isEmpty, !healthy.isEmpty else { return nil }
        var wins = 0.0
        for a in candidate {
            for b in healthy { wins += a > b ? 1 : a == b ? 0.5 : 0 }
        }
        auc = wins / Double(candidate.count * healthy.count)
        var generator = SplitMix64(seed: seed)
        func means(of pool: [Double], size: Int) -> [Double] {
            (0..<draws).map { _ in
                var sum = 0.0
                for _ in 0..<size { sum += pool[Int(generator.next() % UInt64(pool.count))] }
                return sum / Double(size)
            }
        }
        points = sampleCounts.map { size in
            let threshold = Quantiles.quantile(means(of: healthy, size: size), 1 - falseAlarmRate) ?? .infinity
            let detected = means(of: candidate, size: size).filter { $0 > threshold }.count
            return Point(samples: size, detectionRate: Double(detected) / Double(draws))
        }
    }
}
