/// Where a greedy answer first leaves the reference's greedy answer, and how clear the reference
/// was there.
public struct GreedyDivergence: Sendable, Equatable {
    /// Index of the token in the platform's stream.
    public var index: Int
    /// The platform's token.
    public var platformToken: String
    /// The reference's most likely token at the same place.
    public var referenceToken: String
    /// The reference's log-probability gap between its top two tokens there (∞ when it reported one).
    public var margin: Double
    /// Whether the platform's token is in the reference's top N.
    public var platformTokenInReferenceTop: Bool
    /// Whether the reference's token is in the platform's top N (`nil` when the platform reported no alternatives).
    public var referenceTokenInPlatformTop: Bool?

    /// Whether the divergence is a bug signal: a clear reference margin, or a token the other side did not even rank.
    public func isBug(marginThreshold: Double) -> Bool {
        margin > marginThreshold || !platformTokenInReferenceTop || referenceTokenInPlatformTop == false
    }

    /// Finds the first divergence of a greedy stream from the reference.
    ///
    /// Teacher forcing gives the reference's choice at every position given the platform's own
    /// prefix, so the first position where the reference's top token is strictly more likely
    /// than the platform's is where the two greedy answers part. Exact ties are not divergences.
    /// - Parameters:
    ///   - pairs: The aligned tokens.
    ///   - topN: How deep each side's list is searched for the other's token (vLLM uses 5).
    /// - Returns: The divergence, or `nil` when the stream follows the reference throughout.
    public static func first(in pairs: [TokenAlignment.Pair], topN: Int) -> GreedyDivergence? {
        for pair in pairs {
            guard let reference = pair.reference, let logprob = reference.logprob, let best = reference.top.first else { continue }
            guard best.token != pair.sampled.token, best.logprob > logprob else { continue }
            let margin = reference.top.count > 1 ? best.logprob - reference.top[1].logprob : .infinity
            let inReferenceTop = reference.top.prefix(topN).contains { $0.token == pair.sampled.token }
            let inPlatformTop = pair.sampled.top.isEmpty ? nil : pair.sampled.top.prefix(topN).contains { $0.token == best.token }
            return GreedyDivergence(
                index: pair.index, platformToken: pair.sampled.token, referenceToken: best.token, margin: margin,
                platformTokenInReferenceTop: inReferenceTop, referenceTokenInPlatformTop: inPlatformTop
            )
        }
        return nil
    }
}
