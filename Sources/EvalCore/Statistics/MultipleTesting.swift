import Foundation

/// Control of false discoveries when many hypotheses are tested at once.
public enum MultipleTesting {
    /// Holm's step-down adjustment: adjusted p-values that control the family-wise error rate.
    ///
    /// - Parameter pValues: Raw p-values, in any order.
    /// - Returns: Adjusted p-values, in the same order.
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Benjamini–Hochberg adjustment: adjusted p-values (q-values) that control the false discovery rate.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] > pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 1.0
        for (position, index) in order.enumerated() {
            let rank = m - position
            running = min(running, pValues[index] * Double(m) / Double(rank))
            adjusted[index] = min(1, running)
        }
        return adjusted
    }

    /// Fisher's combination of independent p-values: P(χ²(2k) ≥ −2 Σ ln pᵢ).
    ///
    /// Valid (conservative) for discrete p-values such as permutation p-values.
    public static func fisher(_ pValues: [Double]) -> Double {
        guard !pValues.isEmpty else { return 1 }
        let statistic = pValues.reduce(0) { $0 - 2 * log(max($1, 1e-300)) }
        // χ² with 2k degrees of freedom: the upper tail is e^(−x/2) Σ_{j<k} (x/2)^j / j!.
        let half = statistic / 2
        var term = 1.0
        var sum = 1.0
        for j in 1..<pValues.count {
            term *= half / Double(j)
            sum += term
        }
        return min(1, exp(-half + log(sum)))
    }
}
