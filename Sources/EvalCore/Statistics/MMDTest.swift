import Foundation

/// A two-sample test of whether two sets of texts come from the same distribution: the maximum
/// mean discrepancy (MMD) under a character n-gram kernel, with a permutation p-value, as in
/// "Model Equality Testing" (Gao et al., 2024).
public struct MMDTest: Sendable {
    /// Length of the character n-grams compared.
    public var n: Int
    /// Permutations drawn when there are more splits than this; below it, every split is enumerated.
    public var permutations: Int

    /// Creates a test.
    public init(n: Int = 3, permutations: Int = 1000) {
        self.n = max(1, n)
        self.permutations = max(1, permutations)
    }

    /// The result of one test.
    public struct Result: Sendable, Equatable {
        /// The squared MMD of the observed split (biased V-statistic).
        public var statistic: Double
        /// The permutation p-value: the share of splits at least as extreme, the observed included.
        public var pValue: Double
    }

    /// Tests two samples.
    ///
    /// - Parameters:
    ///   - a: Texts from one source.
    ///   - b: Texts from the other.
    ///   - seed: Seed of the permutation draws, so results are reproducible.
    /// - Returns: The statistic and p-value, or `nil` when either sample is empty.
    public func test(_ a: [String], _ b: [String], seed: UInt64 = 0) -> Result? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let texts = a + b
        let gram = gramMatrix(texts)
        let observed = Self.mmd(gram, first: Array(0..<a.count), second: Array(a.count..<texts.count))
        var atLeast = 0
        var total = 0
        let splits = Self.binomial(texts.count, a.count)
        if splits <= Double(permutations) {
            Self.forEachSubset(of: texts.count, size: a.count) { chosen in
                let rest = (0..<texts.count).filter { !chosen.contains($0) }
                total += 1
                if Self.mmd(gram, first: chosen, second: rest) >= observed - 1e-12 { atLeast += 1 }
            }
            return Result(statistic: observed, pValue: Double(atLeast) / Double(total))
        }
        var generator = SplitMix64(seed: seed)
        var indices = Array(0..<texts.count)
        for _ in 0..<permutations {
            indices.shuffle(using: &generator)
            if Self.mmd(gram, first: Array(indices[..<a.count]), second: Array(indices[a.count...])) >= observed - 1e-12 { atLeast += 1 }
        }
        return Result(statistic: observed, pValue: Double(atLeast + 1) / Double(permutations + 1))
    }

    /// The smallest p-value the test can give two samples of these sizes, however different they
    /// are: with every split enumerated, the observed one (and, for equal sizes, its mirror image,
    /// which has the same statistic) out of all; with drawn permutations, one in `permutations + 1`.
    public func smallestPValue(_ a: Int, _ b: Int) -> Double {
        guard a > 0, b > 0 else { return 1 }
        let splits = Self.binomial(a + b, a)
        if splits <= Double(permutations) { return (a == b ? 2 : 1) / splits }
        return 1 / Double(permutations + 1)
    }

    /// The kernel matrix: cosine similarity of character n-gram count vectors (positive definite).
    func gramMatrix(_ texts: [String]) -> [[Double]] {
        let profiles = texts.map(profile)
        let norms = profiles.map { ($0.values.reduce(0) { $0 + $1 * $1 }).squareRoot() }
        var gram = [[Double]](repeating: [Double](repeating: 0, count: texts.count), count: texts.count)
        for i in texts.indices {
            for j in i..<texts.count {
                var dot = 0.0
                let (small, large) = profiles[i].count <= profiles[j].count ? (profiles[i], profiles[j]) : (profiles[j], profiles[i])
                for (gram, count) in small { dot += count * (large[gram] ?? 0) }
                let denominator = norms[i] * norms[j]
                let value = denominator > 0 ? dot / denominator : (texts[i] == texts[j] ? 1 : 0)
                gram[i][j] = value
                gram[j][i] = value
            }
        }
        return gram
    }

    func profile(_ text: String) -> [String: Double] {
        let characters = Array(text)
        guard characters.count >= n else { return characters.isEmpty ? [:] : [text: 1] }
        var counts: [String: Double] = [:]
        for start in 0...(characters.count - n) { counts[String(characters[start..<start + n]), default: 0] += 1 }
        return counts
    }

    static func mmd(_ gram: [[Double]], first: [Int], second: [Int]) -> Double {
        func mean(_ x: [Int], _ y: [Int]) -> Double {
            var sum = 0.0
            for i in x { for j in y { sum += gram[i][j] } }
            return sum / Double(x.count * y.count)
        }
        return mean(first, first) + mean(second, second) - 2 * mean(first, second)
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        exp(lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))).rounded()
    }

    static func forEachSubset(of n: Int, size k: Int, _ body: ([Int]) -> Void) {
        var chosen: [Int] = []
        func extend(from start: Int) {
            if chosen.count == k {
                body(chosen)
                return
            }
            guard start < n, n - start >= k - chosen.count else { return }
            for next in start..<n {
                chosen.append(next)
                extend(from: next + 1)
                chosen.removeLast()
            }
        }
        extend(from: 0)
    }
}
