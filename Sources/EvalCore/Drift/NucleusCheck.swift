import Foundation

/// Whether a token could have been drawn under a sampling rule, judged from the log-probabilities
/// a server reports: the token's own and its top alternatives.
///
/// Servers report only the `k` most likely tokens, so the full distribution is unknown. The check
/// bounds what the unreported tokens could weigh and answers `outside` only when every
/// distribution consistent with the report puts the token outside the sampling set; `inside`
/// when every one puts it inside; otherwise `undetermined`.
///
/// `slack` (in nats) tolerates benign numerics: a token only counts another as more likely when
/// the other's log-probability is higher by more than `slack`, and the probability mass left for
/// the token and those below it must fall short of `1 − topP` by a factor `exp(slack)`.
public struct NucleusCheck: Sendable, Equatable {
    /// The verdict on one token.
    public enum Membership: String, Sendable, Equatable {
        case inside, outside, undetermined
    }

    /// The sampling rule replayed.
    public var rule: SamplingRule
    /// Tolerance for numerics, in nats.
    public var slack: Double
    /// An upper bound on the vocabulary's size, needed to bound the unreported mass when the
    /// temperature is above 1 (flatter than the model).
    public var vocabularySize: Int

    /// Creates a check.
    public init(rule: SamplingRule, slack: Double, vocabularySize: Int = 262_144) {
        self.rule = rule
        self.slack = max(0, slack)
        self.vocabularySize = max(1, vocabularySize)
    }

    /// Judges one token.
    ///
    /// - Parameters:
    ///   - token: The token's text.
    ///   - logprob: Its natural log-probability under the distribution judged.
    ///   - alternatives: The most likely tokens of that distribution, as reported (any order; the
    ///     token itself may be among them).
    /// - Returns: Whether the token is inside the rule's sampling set.
    public func membership(of token: String, logprob: Double, among alternatives: [TokenLogprob.Alternative]) -> Membership {
        // The reported top list, without duplicates and without the token itself, most likely first.
        var others: [Double] = []
        others.reserveCapacity(alternatives.count)
        var listed = false
        // The least likely reported token bounds every unreported one from above.
        // With no list at all, an unreported token could weigh anything (log-probability 0).
        var reportedFloor = Double.infinity
        // Reports hold at most 20 alternatives: a linear look-back is cheaper than hashing.
        for (index, alternative) in alternatives.enumerated() where alternative.logprob.isFinite {
            reportedFloor = min(reportedFloor, alternative.logprob)
            let repeated = alternatives[..<index].contains { $0.logprob.isFinite && $0.token == alternative.token }
            guard !repeated else { continue }
            if alternative.token == token { listed = true } else { others.append(alternative.logprob) }
        }
        if reportedFloor == .infinity { reportedFloor = 0 }
        others.sort(by: >)
        var aheadCount = 0
        while aheadCount < others.count, others[aheadCount] > logprob + slack { aheadCount += 1 }
        // Unreported tokens may be ahead of this one only when it is not in the list and the list ends above it.
        let unreportedMayBeAhead = !listed && reportedFloor > logprob + slack

        if rule.temperature <= 0 {
            if aheadCount > 0 { return .outside }
            return unreportedMayBeAhead ? .undetermined : .inside
        }

        var kVerdict = Membership.inside
        if let k = rule.topK, k > 0 {
            if aheadCount >= k {
                return .outside
            }
            if unreportedMayBeAhead { kVerdict = .undetermined }
        }
        guard rule.topP < 1 else { return kVerdict }
        return combine(
            kVerdict, topPMembership(logprob: logprob, others: others, aheadCount: aheadCount, listed: listed, reportedFloor: reportedFloor))
    }

    private func combine(_ a: Membership, _ b: Membership) -> Membership {
        if a == .outside || b == .outside { return .outside }
        if a == .undetermined || b == .undetermined { return .undetermined }
        return .inside
    }

    /// Top-p after temperature (and top-k), with bounds on the mass of unreported tokens.
    ///
    /// - Parameter others: The other reported log-probabilities, most likely first.
    private func topPMembership(logprob: Double, others: [Double], aheadCount: Int, listed: Bool, reportedFloor: Double) -> Membership {
        let inverseT = 1 / rule.temperature
        let top = max(others.first ?? logprob, logprob)
        // Known tokens in rank order, the judged token among them (after the others ahead of or
        // level with it); top-k keeps the first k.
        let known = others.count + 1
        let keep = rule.topK.map { min($0, known) } ?? known
        let judgedRank = others.firstIndex { $0 < logprob } ?? others.count
        var knownWeight = 0.0
        var knownMass = 0.0
        var aheadWeight = 0.0
        var closeWeight = 0.0
        for rank in 0..<known {
            let value = rank < judgedRank ? others[rank] : rank == judgedRank ? logprob : others[rank - 1]
            let weight = exp((value - top) * inverseT)
            if rank < keep { knownWeight += weight }
            knownMass += exp(value)
            guard rank != judgedRank else { continue }
            let other = rank < judgedRank ? rank : rank - 1
            if other < aheadCount { aheadWeight += weight }
            if value > logprob - slack { closeWeight += weight }
        }
        // Mass of unreported tokens (before temperature), each at most as likely as the least reported one.
        let remainder = max(0, 1 - knownMass)
        let unreportedSlots = rule.topK.map { max(0, $0 - known) } ?? vocabularySize
        var unreportedWeight = 0.0
        if remainder > 0, unreportedSlots > 0 {
            let perSlotCap = Double(unreportedSlots) * exp((reportedFloor - top) * inverseT)
            if inverseT >= 1 {
                // Sharper than the model: Σ (p/pmax)^(1/T) ≤ (R/pmax) · (pfloor/pmax)^(1/T − 1).
                let bound = remainder / exp(top) * pow(exp(reportedFloor - top), inverseT - 1)
                unreportedWeight = min(bound, perSlotCap)
            } else {
                // Flatter than the model: by the power-mean inequality over at most `slots` tokens.
                let bound = pow(Double(unreportedSlots), 1 - inverseT) * pow(remainder / exp(top), inverseT)
                unreportedWeight = min(bound, perSlotCap)
            }
        }
        let tailAllowance = 1 - rule.topP
        // Lower bound on the mass ranked ahead: known tokens only, over the largest normaliser.
        let aheadMin = aheadWeight / (knownWeight + unreportedWeight)
        // The sampler counts a prefix as reaching top-p within 1e-12; so does the check.
        if 1 - aheadMin <= tailAllowance * exp(-slack) + 1e-12 { return .outside }
        // Upper bound: every token within the slack counted ahead, and every unreported token too
        // when the judged one is not in the reported list, over the smallest normaliser.
        let unreportedAhead = listed ? 0 : unreportedWeight
        let aheadMax = (closeWeight + unreportedAhead) / (knownWeight + unreportedAhead)
        return aheadMax < rule.topP ? .inside : .undetermined
    }
}
