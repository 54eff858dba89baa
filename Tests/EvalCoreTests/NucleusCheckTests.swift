import EvalCore
import Foundation
import Testing

/// Hand-built distributions for each rule the drift replay applies.
struct NucleusCheckTests {
    /// Tokens a…d with probabilities 0.5, 0.3, 0.15, 0.05: a complete report.
    let full = [("a", 0.5), ("b", 0.3), ("c", 0.15), ("d", 0.05)].map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }

    func membership(_ token: String, _ rule: SamplingRule, among list: [TokenLogprob.Alternative]? = nil, slack: Double = 0)
        -> NucleusCheck.Membership
    {
        let list = list ?? full
        let logprob = list.first { $0.token == token }?.logprob ?? log(0.01)
        return NucleusCheck(rule: rule, slack: slack).membership(of: token, logprob: logprob, among: list)
    }

    @Test(arguments: [
        // top_p: the token that crosses the threshold is kept, the next is not.
        (0.5, "a", NucleusCheck.Membership.inside), (0.5, "b", .outside),
        (0.51, "b", .inside), (0.51, "c", .outside),
        (0.8, "b", .inside), (0.8, "c", .outside),
        (0.95, "c", .inside), (0.95, "d", .outside),
        (0.951, "d", .inside),
    ])
    func topPEdges(topP: Double, token: String, expected: NucleusCheck.Membership) {
        #expect(membership(token, SamplingRule(temperature: 1, topP: topP)) == expected)
    }

    @Test func agreesWithTheSamplerOnEveryToken() {
        // The replay must agree with the rule the fleet samples with, on complete distributions.
        let distribution = TokenDistribution(tokens: [0, 1, 2, 3], logprobs: full.map(\.logprob))
        for temperature in [0.3, 0.7, 1.0, 1.6] {
            for topP in [0.5, 0.8, 0.9, 0.99] {
                for topK in [nil, 1, 2, 3] as [Int?] {
                    let rule = SamplingRule(temperature: temperature, topP: topP, topK: topK)
                    let kept = Set(rule.candidates(of: distribution).map(\.token))
                    for (index, token) in ["a", "b", "c", "d"].enumerated() {
                        let verdict = NucleusCheck(rule: rule, slack: 0, vocabularySize: 4).membership(
                            of: token, logprob: full[index].logprob, among: full)
                        #expect(
                            verdict == (kept.contains(index) ? .inside : .outside),
                            "T=\(temperature) p=\(topP) k=\(String(describing: topK)) \(token)")
                    }
                }
            }
        }
    }

    @Test func greedyAcceptsTheTopTokenAndTiesOnly() {
        let greedy = SamplingRule(temperature: 0, topP: 1)
        #expect(membership("a", greedy) == .inside)
        #expect(membership("b", greedy) == .outside)
        let tie = [
            TokenLogprob.Alternative(token: "x", logprob: log(0.4)), .init(token: "y", logprob: log(0.4)), .init(token: "z", logprob: log(0.2)),
        ]
        #expect(membership("y", greedy, among: tie) == .inside, "an exact tie is not a violation")
        // A near-tie within the slack is tolerated; beyond it, not.
        let near = [TokenLogprob.Alternative(token: "x", logprob: -0.70), .init(token: "y", logprob: -0.75)]
        #expect(membership("y", greedy, among: near, slack: 0.1) == .inside)
        #expect(membership("y", greedy, among: near, slack: 0.01) == .outside)
    }

    @Test func topKAndTopPTogether() {
        // Top-2 renormalised: 0.625, 0.375; top-p 0.6 keeps only a; top-k alone keeps a and b.
        #expect(membership("b", SamplingRule(temperature: 1, topP: 0.6, topK: 2)) == .outside)
        #expect(membership("b", SamplingRule(temperature: 1, topP: 1, topK: 2)) == .inside)
        #expect(membership("c", SamplingRule(temperature: 1, topP: 1, topK: 2)) == .outside)
        // Top-k 3 with top-p 0.9: renormalised 0.526, 0.316, 0.158; 0.9 needs all three.
        #expect(membership("c", SamplingRule(temperature: 1, topP: 0.9, topK: 3)) == .inside)
    }

    @Test func temperatureChangesTheNucleus() {
        // At T = 0.5 the weights are 0.25, 0.09, 0.0225, 0.0025 (normalised 0.68, 0.24, …): top-p 0.9 keeps a and b only.
        #expect(membership("c", SamplingRule(temperature: 0.5, topP: 0.9)) == .outside)
        #expect(membership("c", SamplingRule(temperature: 1.0, topP: 0.9)) == .inside)
    }

    @Test func aTruncatedReportIsJudgedOnlyWhenTheBoundsSettleIt() {
        // Only the top two are reported (0.5 and 0.3); 0.2 is unreported, spread over tokens of at most 0.3.
        let top2 = Array(full.prefix(2))
        // A token at 0.01 under top-p 0.5: a alone reaches 0.5 whatever the rest weighs.
        #expect(
            NucleusCheck(rule: SamplingRule(temperature: 1, topP: 0.5), slack: 0).membership(of: "z", logprob: log(0.01), among: top2) == .outside)
        // Under top-p 0.99 the unreported 0.2 could hold the nucleus's tail: undetermined.
        #expect(
            NucleusCheck(rule: SamplingRule(temperature: 1, topP: 0.99), slack: 0).membership(of: "z", logprob: log(0.01), among: top2)
                == .undetermined)
        // A reported token inside the known mass is inside whatever the rest holds.
        #expect(NucleusCheck(rule: SamplingRule(temperature: 1, topP: 0.9), slack: 0).membership(of: "b", logprob: log(0.3), among: top2) == .inside)
        // At a low temperature the unreported tail shrinks: 0.95 of the scaled mass is in a and b.
        #expect(
            NucleusCheck(rule: SamplingRule(temperature: 0.2, topP: 0.95), slack: 0).membership(of: "z", logprob: log(0.01), among: top2) == .outside)
        // No report at all settles nothing under top-p.
        #expect(
            NucleusCheck(rule: SamplingRule(temperature: 1, topP: 0.9), slack: 0).membership(of: "z", logprob: log(0.01), among: []) == .undetermined)
    }

    @Test func slackShieldsTheNucleusBoundary() {
        // d sits just past the 0.95 boundary: outside exactly, tolerated when the tail mass is within the slack.
        #expect(membership("d", SamplingRule(temperature: 1, topP: 0.951)) == .inside)
        #expect(membership("d", SamplingRule(temperature: 1, topP: 0.9499)) == .outside)
        #expect(membership("d", SamplingRule(temperature: 1, topP: 0.9499), slack: 0.1) != .outside)
    }
}
