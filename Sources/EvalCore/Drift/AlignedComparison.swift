import Foundation

/// A platform's reported next-token distributions set against the reference's, at the positions
/// where both generated from the same context.
///
/// Both answered the same request (same prompt, same seed). Up to and including the first position
/// where their tokens differ, the two streams share a context, so the distributions they report there
/// (`top_logprobs`, the model's probabilities before sampling) describe the same conditional and can be
/// compared directly: no teacher forcing, no chat template, nothing beyond the chat API's own
/// `logprobs`. The first generated token is always comparable; greedy answers and answers drawn with
/// the same seed usually share many more.
///
/// The distance at a position is a lower bound on the total-variation distance between the two
/// distributions, computed from the reported lists only: a token one side reports and the other does
/// not is credited only with the part of its probability the other side's unreported mass could not
/// cover (the other side's least reported probability, or its unreported remainder, whichever is
/// smaller). A large value is therefore proof that the distributions differ, never an artefact of
/// short lists.
public struct AlignedComparison: Sendable, Equatable {
    /// Positions compared (both sides reported alternatives there).
    public var positions = 0
    /// Distance (total-variation lower bound) at the first position.
    public var firstDistance: Double?
    /// Mean distance over the compared positions.
    public var meanDistance: Double?
    /// Largest distance, and where.
    public var maxDistance: Double?
    public var maxIndex: Int?
    /// Compared positions whose most likely tokens are the same on both sides.
    public var topAgreements = 0
    /// The first index where the two answers' tokens differ (`nil`: one is a prefix of the other).
    public var divergedAt: Int?

    public init() {}

    /// Compares two answers to the same request.
    ///
    /// - Parameters:
    ///   - platform: The platform's tokens with their reported alternatives.
    ///   - reference: The reference's tokens with its reported alternatives.
    ///   - maxPositions: Positions compared at most (the first ones).
    /// - Returns: The comparison; ``positions`` is 0 when either side reported no alternatives.
    public static func compare(platform: [TokenLogprob], reference: [TokenLogprob], maxPositions: Int = 16) -> AlignedComparison {
        var result = AlignedComparison()
        var sum = 0.0
        let shared = min(platform.count, reference.count)
        var index = 0
        while index < shared, result.positions < maxPositions {
            let mine = platform[index]
            let theirs = reference[index]
            if !mine.top.isEmpty, !theirs.top.isEmpty {
                let distance = Self.distance(mine.top, theirs.top)
                if result.positions == 0 { result.firstDistance = distance }
                result.positions += 1
                sum += distance
                if distance > (result.maxDistance ?? -1) {
                    result.maxDistance = distance
                    result.maxIndex = index
                }
                if Self.mostLikely(mine.top) == Self.mostLikely(theirs.top) { result.topAgreements += 1 }
            }
            // The position where the tokens part is the last one with a shared context.
            if mine.token != theirs.token {
                result.divergedAt = index
                break
            }
            index += 1
        }
        if result.positions > 0 { result.meanDistance = sum / Double(result.positions) }
        return result
    }

    /// A lower bound on the total-variation distance between two distributions known by their top lists.
    ///
    /// - Parameters:
    ///   - p: One side's most likely tokens (natural log-probabilities; duplicates of a text are summed).
    ///   - q: The other side's.
    /// - Returns: A value in [0, 1].
    public static func distance(_ p: [TokenLogprob.Alternative], _ q: [TokenLogprob.Alternative]) -> Double {
        let left = Self.probabilities(p)
        let right = Self.probabilities(q)
        let leftCap = Self.unreportedCap(left)
        let rightCap = Self.unreportedCap(right)
        var total = 0.0
        for (token, mass) in left {
            if let other = right[token] {
                total += abs(mass - other)
            } else {
                total += max(0, mass - rightCap)
            }
        }
        for (token, mass) in right where left[token] == nil {
            total += max(0, mass - leftCap)
        }
        return min(1, total / 2)
    }

    /// Probabilities by token text.
    private static func probabilities(_ list: [TokenLogprob.Alternative]) -> [String: Double] {
        var result: [String: Double] = [:]
        for alternative in list where alternative.logprob.isFinite {
            result[alternative.token, default: 0] += exp(min(0, alternative.logprob))
        }
        return result
    }

    /// The most an unreported token can weigh: no more than the least reported one, nor than what is left.
    private static func unreportedCap(_ probabilities: [String: Double]) -> Double {
        guard let floor = probabilities.values.min() else { return 1 }
        return max(0, min(floor, 1 - probabilities.values.reduce(0, +)))
    }

    private static func mostLikely(_ list: [TokenLogprob.Alternative]) -> String? {
        list.filter(\.logprob.isFinite).max { $0.logprob != $1.logprob ? $0.logprob < $1.logprob : $0.token > $1.token }?.token
    }
}
