import EvalCore
import Testing

struct GateEvaluationTests {
    /// Six cases of three samples each; the candidate fails `failures` of its samples, spread over the first cases.
    private func tallies(metric: String, failures: Int, baselineScored: Bool = true) -> [GateEvaluation.CaseTally] {
        var result: [GateEvaluation.CaseTally] = []
        var left = failures
        for index in 0..<6 {
            let failed = min(3, left)
            left -= failed
            result.append(.init(platform: "candidate", suite: "s", caseID: "c\(index)", metric: metric, judged: 3, failed: failed))
            if baselineScored { result.append(.init(platform: "baseline", suite: "s", caseID: "c\(index)", metric: metric, judged: 3, failed: 0)) }
            for platform in ["candidate", "baseline"] {
                result.append(.init(platform: platform, suite: "s", caseID: "c\(index)", metric: MetricTally.infraMetric, judged: 3, failed: 0))
            }
        }
        return result
    }

    @Test func aFewCasesCannotReachAlphaByThePairedTestAlone() {
        // 14 of 18 samples failed against none: six cases give the sign-flip test at best p = 1/64.
        // (A metric without a null rate: the text scorers' null-rate test would see it.)
        let evaluation = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: tallies(metric: "tone", failures: 14), policy: DecisionPolicy())
        #expect(evaluation.rows.allSatisfy { $0.pValue >= 1.0 / 64 })
        // And so the gate cannot pass either: it says how little it could see.
        #expect(evaluation.verdict == .underpowered)
        #expect(evaluation.detectable.values.allSatisfy { !$0.isFinite })
        #expect(evaluation.infraReason?.contains("could only detect an increase of any size") == true, "\(evaluation.infraReason ?? "")")
    }

    /// `count` cases of `samples` samples; the candidate's and the baseline's failures drawn at their rates.
    private func run(cases count: Int, samples: Int, baselineRate: Double, candidateRate: Double, seed: UInt64) -> [GateEvaluation.CaseTally] {
        var generator = SplitMix64(seed: seed)
        func failures(_ rate: Double) -> Int { (0..<samples).filter { _ in Double(generator.next() >> 11) * 0x1p-53 < rate }.count }
        var result: [GateEvaluation.CaseTally] = []
        for index in 0..<count {
            result.append(
                .init(
                    platform: "candidate", suite: "s", caseID: "c\(index)", metric: "language-mix", judged: samples, failed: failures(candidateRate)))
            result.append(
                .init(platform: "baseline", suite: "s", caseID: "c\(index)", metric: "language-mix", judged: samples, failed: failures(baselineRate)))
            for platform in ["candidate", "baseline"] {
                result.append(.init(platform: platform, suite: "s", caseID: "c\(index)", metric: MetricTally.infraMetric, judged: samples, failed: 0))
            }
        }
        return result
    }

    @Test func aPassSaysHowLargeARegressionItCouldHaveMissed() {
        // Enough samples: a healthy candidate passes, and the run could see 5 points.
        let healthy = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: run(cases: 40, samples: 16, baselineRate: 0.02, candidateRate: 0.02, seed: 1),
            policy: DecisionPolicy())
        #expect(healthy.verdict == .pass, "\(healthy.infraReason ?? "")")
        let pooled = SuiteMetric(suite: MetricTally.allSuites, metric: "language-mix")
        #expect((healthy.detectable[pooled] ?? 1) <= 0.05)
        // The same healthy candidate on a run of 20 cases × 3 samples cannot pass: it could miss 10 points.
        let small = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: run(cases: 20, samples: 3, baselineRate: 0.02, candidateRate: 0.02, seed: 2),
            policy: DecisionPolicy())
        #expect(small.verdict == .underpowered)
        #expect((small.detectable[pooled] ?? 0) > 0.10)
        // Unless the team accepts that, in the configuration.
        var lenient = DecisionPolicy()
        lenient.maximumUndetectableEffect = 1
        #expect(
            GateEvaluation(
                candidate: "candidate", baseline: "baseline", cases: run(cases: 20, samples: 3, baselineRate: 0.02, candidateRate: 0.02, seed: 2),
                policy: lenient
            ).verdict == .pass)
    }

    @Test func theDetectableEffectIsWhatTheRuleActuallyDetects() throws {
        // Simulate the gate on runs with a real regression of the MDE: it is flagged in most of them.
        let cases = (0..<30).map { _ in DetectableEffect.Case(candidateJudged: 8, baselineFailed: 0, baselineJudged: 8) }
        let level = 0.01 / 2
        let mde = try #require(DetectableEffect().minimum(cases: cases, level: level, nullRate: nil, minimumEffect: 0.01))
        var flagged = 0
        for seed in 0..<100 {
            let tallies = run(cases: 30, samples: 8, baselineRate: 0, candidateRate: mde, seed: UInt64(1000 + seed))
            if GateEvaluation(candidate: "candidate", baseline: "baseline", cases: tallies, policy: DecisionPolicy()).verdict == .regression {
                flagged += 1
            }
        }
        // The MDE's power is computed with a normal approximation of the exact sign-flip test: the
        // exact gate must reach at least most of it.
        #expect(flagged >= 70, "flagged \(flagged) of 100 at δ = \(mde)")
        // And at the grid point below, it is flagged less often than 80%.
        let below = DetectableEffect.grid[DetectableEffect.grid.firstIndex(of: mde)! - 1]
        var flaggedBelow = 0
        for seed in 0..<100 {
            let tallies = run(cases: 30, samples: 8, baselineRate: 0, candidateRate: below, seed: UInt64(5000 + seed))
            if GateEvaluation(candidate: "candidate", baseline: "baseline", cases: tallies, policy: DecisionPolicy()).verdict == .regression {
                flaggedBelow += 1
            }
        }
        #expect(flaggedBelow < 85, "flagged \(flaggedBelow) of 100 at δ = \(below)")
    }

    @Test func aMetricWithACalibratedNullIsAlsoTestedSampleBySample() {
        var policy = DecisionPolicy()
        policy.nullRates = ["drift-nucleus": 0.001]
        let evaluation = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: tallies(metric: "drift-nucleus", failures: 14), policy: policy)
        #expect(evaluation.verdict == .regression)
        // One failure in 18 samples is within what a 0.1% null and a clean baseline allow at α = 0.01.
        let single = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: tallies(metric: "drift-nucleus", failures: 1), policy: policy)
        #expect(single.verdict != .regression)
        // 18 samples could not have seen a regression of 10 points either.
        #expect(single.verdict == .underpowered)
    }

    @Test func aTextScorersNullIsTestedCaseByCaseSoOneFlakyPromptCannotFailTheGate() {
        // Language mixing in 5 of 6 cases against a clean baseline: a regression by the case-level test.
        let spread = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: tallies(metric: "language-mix", failures: 14), policy: DecisionPolicy())
        #expect(spread.verdict == .regression)
        // One prompt failing all its samples is one case in six: no regression (at sample level it
        // would be 3 of 18 samples against a 0.5% null, p ≈ 5e-4).
        let flaky = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: tallies(metric: "language-mix", failures: 3), policy: DecisionPolicy())
        #expect(flaky.verdict != .regression)
    }

    @Test func aMetricTheBaselineIsNotScoredOnIsJudgedAgainstTheNull() {
        var policy = DecisionPolicy()
        policy.nullRates = ["drift-aligned": 0.001]
        let cases = tallies(metric: "drift-aligned", failures: 12, baselineScored: false)
        let evaluation = GateEvaluation(candidate: "candidate", baseline: "baseline", cases: cases, policy: policy)
        #expect(evaluation.rows.contains { $0.metric == "drift-aligned" && $0.regression })
        #expect(evaluation.verdict == .regression)
    }

    @Test func comparesDetectableEffectShrinksWithSamplesAndIsWhatAZTestDetects() throws {
        let level = 0.01 / 4
        let small = try #require(DetectableEffect.twoProportions(baseline: Proportion(failures: 0, trials: 60), candidateTrials: 60, level: level))
        let large = try #require(
            DetectableEffect.twoProportions(baseline: Proportion(failures: 10, trials: 1000), candidateTrials: 1000, level: level))
        #expect(small > 0.10 && small < 0.30, "\(small)")
        #expect(large < 0.04 && large < small, "\(large)")
        // At the MDE a one-sided two-proportion test flags about 80% of simulated comparisons.
        var generator = SplitMix64(seed: 9)
        var flagged = 0
        for _ in 0..<400 {
            let failed = (0..<1000).filter { _ in Double(generator.next() >> 11) * 0x1p-53 < 0.01 + large }.count
            if TwoProportionTest(a: Proportion(failures: 10, trials: 1000), b: Proportion(failures: failed, trials: 1000)).pValueBHigher < level {
                flagged += 1
            }
        }
        #expect(flagged >= 240 && flagged <= 380, "flagged \(flagged) of 400")
    }

    /// The issue's example: 5 of 90 failed on the candidate, 0 of 90 on the baseline (paired p 0.03,
    /// Holm far above α) on a metric with no calibrated null: the baseline's history decides.
    @Test func aRareFailureIsARegressionAgainstTheBaselinesHistory() {
        var cases: [GateEvaluation.CaseTally] = []
        for index in 0..<30 {
            cases.append(.init(platform: "candidate", suite: "s", caseID: "c\(index)", metric: "tone", judged: 3, failed: index < 5 ? 1 : 0))
            cases.append(.init(platform: "baseline", suite: "s", caseID: "c\(index)", metric: "tone", judged: 3, failed: 0))
            for platform in ["candidate", "baseline"] {
                cases.append(.init(platform: platform, suite: "s", caseID: "c\(index)", metric: MetricTally.infraMetric, judged: 3, failed: 0))
            }
        }
        let alone = GateEvaluation(candidate: "candidate", baseline: "baseline", cases: cases, policy: DecisionPolicy())
        #expect(!alone.rows.contains { $0.regression })

        let quiet = [MetricTally(platform: "baseline", suite: "s", metric: "tone", judged: 2_000, failed: 0)]
        let withHistory = GateEvaluation(candidate: "candidate", baseline: "baseline", cases: cases, policy: DecisionPolicy(), history: (quiet, 40))
        #expect(withHistory.verdict == .regression)
        #expect(withHistory.historyRuns == 40)
        #expect(withHistory.rows.contains { $0.suite == "*" && $0.metric == "tone" && $0.regression })

        // Too short a history says nothing.
        let short = [MetricTally(platform: "baseline", suite: "s", metric: "tone", judged: 60, failed: 0)]
        let withShort = GateEvaluation(candidate: "candidate", baseline: "baseline", cases: cases, policy: DecisionPolicy(), history: (short, 1))
        #expect(!withShort.rows.contains { $0.regression })

        // A baseline that has long failed as often as the candidate does now raises the bar.
        let noisy = [MetricTally(platform: "baseline", suite: "s", metric: "tone", judged: 2_000, failed: 120)]
        let withNoisy = GateEvaluation(candidate: "candidate", baseline: "baseline", cases: cases, policy: DecisionPolicy(), history: (noisy, 40))
        #expect(!withNoisy.rows.contains { $0.regression })
    }
}
