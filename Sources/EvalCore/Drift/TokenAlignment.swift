/// Pairs the tokens a platform generated with the reference's tokens over the same text.
///
/// Both sides tokenize the same characters but may cut them differently (a re-tokenized answer
/// can merge two generated tokens). Tokens pair when they start at the same Unicode-scalar offset
/// and have the same text; the others are left unpaired and are not judged. Nor are the few tokens
/// after an unpaired one: the reference read a different context there (`.` `.` generated, `..`
/// re-read), and its distribution is not the one the platform sampled from.
public enum TokenAlignment {
    /// One generated token and, when it pairs, the reference's view of it.
    public struct Pair: Sendable, Equatable {
        /// Index of the token in the generated stream.
        public var index: Int
        /// Offset of the token in the answer, in Unicode scalars.
        public var offset: Int
        /// The generated token, with the platform's own log-probabilities.
        public var sampled: TokenLogprob
        /// The reference's token at the same place, when both cut the text there.
        public var reference: ForcedToken?
    }

    /// Aligns a generated stream with a teacher-forced one.
    ///
    /// - Parameters:
    ///   - sampled: The generated tokens, in order; their texts concatenate to the answer.
    ///   - forced: The reference's tokens over `transcript + answer`.
    ///   - answerStart: Where the answer starts in the forced text, in Unicode scalars.
    ///   - contextGuard: Tokens after an unpaired one that are left unpaired too.
    /// - Returns: One pair per generated token.
    public static func align(sampled: [TokenLogprob], forced: [ForcedToken], answerStart: Int, contextGuard: Int = 3) -> [Pair] {
        var byOffset: [Int: Int] = [:]
        byOffset.reserveCapacity(forced.count)
        for (index, token) in forced.enumerated() where token.offset >= answerStart {
            byOffset[token.offset - answerStart] = index
        }
        var pairs: [Pair] = []
        pairs.reserveCapacity(sampled.count)
        var offset = 0
        var sinceGap = Int.max
        for (index, token) in sampled.enumerated() {
            let match = byOffset[offset].map { forced[$0] }.flatMap { $0.text == token.token ? $0 : nil }
            sinceGap = match == nil ? 0 : sinceGap == Int.max ? sinceGap : sinceGap + 1
            pairs.append(Pair(index: index, offset: offset, sampled: token, reference: sinceGap > contextGuard ? match : nil))
            offset += token.token.unicodeScalars.count
        }
        return pairs
    }
}
