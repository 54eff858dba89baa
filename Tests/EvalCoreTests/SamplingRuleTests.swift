import EvalCore
import Foundation
import Testing

struct SamplingRuleTests {
    /// Probabilities 0.5, 0.3, 0.15, 0.05 on tokens 10, 11, 12, 13.
    let distribution = TokenDistribution(tokens: [12, 10, 13, 11], logprobs: [log(0.15), log(0.5), log(0.05), log(0.3)])

    @Test func greedyPicksTheMostLikelyToken() {
        let set = SamplingRule(temperature: 0, topP: 1).candidates(of: distribution)
        #expect(set.map(\.token) == [10])
        #expect(set[0].probability == 1)
    }

    @Test func greedyBreaksTiesByTheSmallerTokenID() {
        let tie = TokenDistribution(tokens: [7, 3, 5], logprobs: [log(0.4), log(0.4), log(0.2)])
        #expect(SamplingRule(temperature: 0, topP: 1).candidates(of: tie).map(\.token) == [3])
    }

    @Test(arguments: [
        (0.5, [10]),  // 0.5 alone reaches 0.5
        (0.51, [10, 11]),  // the token that crosses the threshold is kept
        (0.8, [10, 11]),
        (0.95, [10, 11, 12]),
        (0.951, [10, 11, 12, 13]),
        (1.0, [10, 11, 12, 13]),
    ])
    func topPKeepsTheSmallestPrefixReachingTheMass(topP: Double, expected: [Int]) {
        #expect(SamplingRule(temperature: 1, topP: topP).candidates(of: distribution).map(\.token) == expected)
    }

    @Test func topKAppliesBeforeTopP() {
        let set = SamplingRule(temperature: 1, topP: 0.9, topK: 2).candidates(of: distribution)
        // Top-2 renormalised: 0.625, 0.375; 0.9 needs both.
        #expect(set.map(\.token) == [10, 11])
        #expect(abs(set[0].probability - 0.625) < 1e-12)
    }

    @Test func candidatesAreRenormalised() {
        for temperature in [0.3, 0.7, 1.0, 1.5] {
            let total = SamplingRule(temperature: temperature, topP: 0.99).candidates(of: distribution).reduce(0) { $0 + $1.probability }
            #expect(abs(total - 1) < 1e-12)
        }
    }

    @Test func lowTemperatureSharpens() {
        let cold = SamplingRule(temperature: 0.5, topP: 1).candidates(of: distribution)
        let hot = SamplingRule(temperature: 1, topP: 1).candidates(of: distribution)
        #expect(cold[0].probability > hot[0].probability)
        // At temperature 0.5, p ∝ p²: 0.25 / (0.25 + 0.09 + 0.0225 + 0.0025).
        #expect(abs(cold[0].probability - 0.25 / 0.365) < 1e-12)
    }

    @Test func samplingFollowsTheCumulativeMass() {
        let rule = SamplingRule(temperature: 1, topP: 1)
        #expect(rule.sample(from: distribution, uniform: 0.0) == 10)
        #expect(rule.sample(from: distribution, uniform: 0.49) == 10)
        #expect(rule.sample(from: distribution, uniform: 0.51) == 11)
        #expect(rule.sample(from: distribution, uniform: 0.999) == 13)
    }
}
