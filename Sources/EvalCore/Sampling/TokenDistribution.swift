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
        tokens.indices.sorted { a, b in
            logprobs[a] != logprobs[b] ? logprobs[a] > logprobs[b] : tokens[a] < tokens[b]
        }
    }

    /// The `k` most likely tokens with their log-probabilities, most likely first.
    public func top(_ k: Int) -> [(token: Int, logprob: Double)] {
        rankedIndices.prefix(k).map { (tokens[$0], logprobs[$0]) }
    }

    /// The log-probability of a token (−∞ when outside the support).
    public func logprob(of token: Int) -> Double {
        if let index = tokens.firstIndex(of: token) { logprobs[index] } else { -Double.infinity }
    }
}

