import Foundation

/// A next-token distribution over a sparse support: token ids with their log-probabilities.
///
/// Tokens outside the support have probability zero. Log-probabilities are natural logs and
/// sum (after exponentiation) to 1 within rounding.
public struct TokenDistribution: Sendable, Equatable {
    /// Token ids, in the order of ``logprobs``.
    public var tokens: [Int]
    /// Natural log-probabilities, one per token.
    public var logprobs: [Double]
    /// A ranking that is probably right or nearly right (the ranking before a small perturbation of
    /// the log-probabilities): ``rankedIndices`` starts from it, so re-ranking costs about one pass.
    ///
    /// It never changes the result, only the time it takes; one of another length is ignored.
    public var rankingHint: [Int]?

    public static func == (lhs: TokenDistribution, rhs: TokenDistribution) -> Bool {
        lhs.tokens == rhs.tokens && lhs.logprobs == rhs.logprobs
    }

    /// Creates a distribution from token ids and log-probabilities.
    public init(tokens: [Int], logprobs: [Double]) {
        precondition(tokens.count == logprobs.count, "one log-probability per token")
        self.tokens = tokens
        self.logprobs = logprobs
    }

    /// Creates a normalised distribution from unnormalised positive weights.
    ///
    /// - Parameter weights: Token id and weight pairs; weights need not sum to 1. Non-positive weights are dropped.
    public init(weights: [(token: Int, weight: Double)]) {
        let kept = weights.filter { $0.weight > 0 && $0.weight.isFinite }
        let total = kept.reduce(0) { $0 + $1.weight }
        self.tokens = kept.map(\.token)
        self.logprobs = kept.map { log($0.weight / total) }
    }

    /// Indices into ``tokens`` sorted by decreasing probability, ties broken by the smaller token id.
    public var rankedIndices: [Int] {
        // The fleet ranks every position it generates or scores: compare through raw buffers.
        if let hint = rankingHint, hint.count == tokens.count {
            // Insertion sort: one pass when the hint is right, a few moves when it is nearly right.
            var order = hint
            logprobs.withUnsafeBufferPointer { logprobs in
                tokens.withUnsafeBufferPointer { tokens in
                    order.withUnsafeMutableBufferPointer { order in
                        for i in order.indices.dropFirst() {
                            let moving = order[i]
                            var j = i
                            while j > 0, Self.ranksBefore(moving, order[j - 1], logprobs, tokens) {
                                order[j] = order[j - 1]
                                j -= 1
                            }
                            order[j] = moving
                        }
                    }
                }
            }
            return order
        }
        var order = Array(tokens.indices)
        logprobs.withUnsafeBufferPointer { logprobs in
            tokens.withUnsafeBufferPointer { tokens in
                order.sort { a, b in Self.ranksBefore(a, b, logprobs, tokens) }
            }
        }
        return order
    }

    /// The distribution with ``rankingHint`` set to its exact ranking.
    public func ranked() -> TokenDistribution {
        var copy = self
        copy.rankingHint = rankedIndices
        return copy
    }

    /// The `k` most likely tokens with their log-probabilities, most likely first (ties: the smaller id).
    public func top(_ k: Int) -> [(token: Int, logprob: Double)] {
        rankedIndices.prefix(k).map { (tokens[$0], logprobs[$0]) }
    }

    @inline(__always)
    private static func ranksBefore(_ a: Int, _ b: Int, _ logprobs: UnsafeBufferPointer<Double>, _ tokens: UnsafeBufferPointer<Int>) -> Bool {
        let x = logprobs[a]
        let y = logprobs[b]
        return x != y ? x > y : tokens[a] < tokens[b]
    }

    /// The log-probability of a token (−∞ when outside the support).
    public func logprob(of token: Int) -> Double {
        if let index = tokens.firstIndex(of: token) { logprobs[index] } else { -Double.infinity }
    }
}
