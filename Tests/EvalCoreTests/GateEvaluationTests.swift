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
        let evaluation = GateEvaluation(
            candidate: "candidate", baseline: "baseline", cases: tallies(metric: "language-mix", failures: 14), policy: DecisionPolicy())
        #expect(evaluation.verdict == .pass)
        #expect(evaluation.rows.allSatisfy { $0.pValue >= 1.0 / 64 })
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
        #expect(single.verdict == .pass)
    }

    @Test func aMetricTheBaselineIsNotScoredOnIsJudgedAgainstTheNull() {
        var policy = DecisionPolicy()
        policy.nullRates = ["drift-aligned": 0.001]
        let cases = tallies(metric: "drift-aligned", failures: 12, baselineScored: false)
        let evaluation = GateEvaluation(candidate: "candidate", baseline: "baseline", cases: cases, policy: policy)
        #expect(evaluation.rows.contains { $0.metric == "drift-aligned" && $0.regression })
        #expect(evaluation.verdict == .regression)
    }
}
