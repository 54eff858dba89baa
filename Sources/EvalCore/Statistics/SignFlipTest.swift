/// A paired permutation test of whether the paired differences are shifted above zero.
///
/// Under the null each difference is as likely positive as negative, so the p-value is the share
/// of sign assignments whose sum reaches the observed one. Exact when few differences are
/// non-zero, else estimated from seeded random assignments. One case that differs cannot give a
/// p-value below 1/2: a single flaky case never carries a test.
public enum SignFlipTest {
    /// The most non-zero differences enumerated exactly (2^16 assignments).
    public static let exactLimit = 16

    /// One-sided p-value that the differences are shifted above zero.
    ///
    /// - Parameters:
    ///   - differences: One per pair (candidate − baseline).
    ///   - permutations: Random assignments when the test is not exact.
    ///   - seed: Seed of those assignments.
    public static func pValue(_ differences: [Double], permutations: Int = 20_000, seed: UInt64 = 0x5EED) -> Double {
        let nonzero = differences.filter { $0 != 0 }.map(abs)
        guard !nonzero.isEmpty else { return 1 }
        let observed = differences.reduce(0, +)
        let tolerance = 1e-9 * nonzero.reduce(0, +)
        if nonzero.count <= exactLimit {
            var reached = 0
            let total = 1 << nonzero.count
            for mask in 0..<total {
                var sum = 0.0
                for (index, value) in nonzero.enumerated() { sum += mask & (1 << index) != 0 ? value : -value }
                if sum >= observed - tolerance { reached += 1 }
            }
            return Double(reached) / Double(total)
        }
        var generator = SplitMix64(seed: seed)
        var reached = 1
        for _ in 0..<permutations {
            var sum = 0.0
            var bits: UInt64 = 0
            for (index, value) in nonzero.enumerated() {
                if index % 64 == 0 { bits = generator.next() }
                sum += bits & 1 == 1 ? value : -value
                bits >>= 1
            }
            if sum >= observed - tolerance { reached += 1 }
        }
        return Double(reached) / Double(permutations + 1)
    }
}
