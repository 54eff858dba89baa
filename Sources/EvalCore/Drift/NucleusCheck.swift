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
        // The reported top list, without duplicates and without the token itself.
        var others: [Double] = []
        others.reserveCapacity(alternatives.count)
        var listed = false
        var seen = Set<String>()
        for alternative in alternatives where alternative.logprob.isFinite && seen.insert(alternative.token).inserted {
            if alternative.token == token { listed = true } else { others.append(alternative.logprob) }
        }
        others.sort(by: >)
        // The least likely reported token bounds every unreported one from above.
        // With no list at all, an unreported token could weigh anything (log-probability 0).
        let reportedFloor = alternatives.map(\.logprob).filter(\.isFinite).min() ?? 0
        let ahead = others.prefix { $0 > logprob + slack }
        // Unreported tokens may be ahead of this one only when it is not in the list and the list ends above it.
        let unreportedMayBeAhead = !listed && reportedFloor > logprob + slack

        if rule.temperature <= 0 {
            if !ahead.isEmpty { return .outside }
            return unreportedMayBeAhead ? .undetermined : .inside
        }

        var kVerdict = Membership.inside
        if let k = rule.topK, k > 0 {
            if ahead.count >= k {
                return .outside
            }
            if unreportedMayBeAhead { kVerdict = .undetermined }
        }
        guard rule.topP < 1 else { return kVerdict }
        return combine(kVerdict, topPMembership(logprob: logprob, others: others, aheadCount: ahead.count, listed: listed, reportedFloor: reportedFloor))
    }

    private func combine(_ a: Membership, _ b: Membership) -> Membership {
        if a == .outside || b == .outside { return .outside }
        if a == .undetermined || b == .undetermined { return .undetermined }
        return .inside
    }

    /// Top-p after temperature (and top-k), with bounds on the mass of unreported tokens.
    private func topPMembership(logprob: Double, others: [Double], aheadCount: Int, listed: Bool, reportedFloor: Double) -> Membership {
        let inverseT = 1 / rule.temperature
        let top = max(others.first ?? logprob, logprob)
        // Known tokens in rank order, the judged token among them; top-k keeps the first k.
        var known = others
        known.append(logprob)
        known.sort(by: >)
        let keep = rule.topK.map { min($0, known.count) } ?? known.count
        let weight = { (lp: Double) in exp((lp - top) * inverseT) }
        let knownWeight = known.prefix(keep).reduce(0) { $0 + weight($1) }
        let aheadWeight = others.prefix(aheadCount).reduce(0) { $0 + weight($1) }
        // Mass of unreported tokens (before temperature), each at most as likely as the least reported one.
        let knownMass = known.reduce(0) { $0 + exp($1) }
        let remainder = max(0, 1 - knownMass)
        let unreportedSlots = rule.topK.map { max(0, $0 - known.count) } ?? vocabularySize
        var unreportedWeight = 0.0
        if remainder > 0, unreportedSlots > 0 {
            let perSlotCap = Double(unreportedSlots) * weight(reportedFloor)
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
        let closeWeight = others.reduce(0) { $0 + ($1 > logprob - slack ? weight($1) : 0) }
        let unreportedAhead = listed ? 0 : unreportedWeight
        let aheadMax = (closeWeight + unreportedAhead) / (knownWeight + unreportedAhead)
        return aheadMax < rule.topP ? .inside : .undetermined
    }
}
