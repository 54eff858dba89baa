/// Order statistics of a sample of values.
public enum Quantiles {
    /// The `q`-quantile by linear interpolation between order statistics.
    ///
    /// - Parameters:
    ///   - values: The sample; need not be sorted.
    ///   - q: The quantile, in [0, 1].
    /// - Returns: The quantile, or `nil` for an empty sample.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
