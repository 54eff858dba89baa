import EvalCore
import Testing

/// compare's unit: samples of one case in one run fail together (temperature-0 repeats), so their
/// counts are divided by the design effect before they are tested.
struct ClusteredComparisonTests {
    /// `cases` cases of `repeats` samples; the first `failing` cases fail in every sample (as
    /// identical greedy answers do), or in one sample each when `together` is false.
    func tally(_ platform: String, cases: Int, repeats: Int, failing: Int, together: Bool = true) -> MetricTally {
        var tally = MetricTally(platform: platform, suite: "determinism", metric: "language-mix", judged: 0, failed: 0)
        for index in 0..<cases {
            tally.addCase(failed: index < failing ? (together ? repeats : 1) : 0, judged: repeats)
        }
        return tally
    }

    @Test func identicalRepeatsCountOnceAndIndependentFailuresDoNot() {
        let together = tally("b", cases: 30, repeats: 3, failing: 4)
        #expect(abs(together.designEffect - 3) < 0.2, "\(together.designEffect)")
        // 3 × 30/29 with the small-sample factor: 90 samples are worth 29 cases, 12 failures 4.
        #expect(together.effective == Proportion(failures: 4, trials: 29))
        // One failure in each of 4 cases: barely more variable than independent samples.
        let scattered = tally("b", cases: 30, repeats: 3, failing: 4, together: false)
        #expect(scattered.designEffect < 1.2, "\(scattered.designEffect)")
        // No failure: nothing varies, nothing to correct.
        #expect(tally("a", cases: 30, repeats: 3, failing: 0).designEffect == 1)
        // Unknown sums (runs stored before they were kept) leave the counts as they are.
        #expect(MetricTally(platform: "a", suite: "s", metric: "m", judged: 90, failed: 12).designEffect == 1)
    }

    @Test func aComparisonOfRepeatedGreedyAnswersIsTestedOnTheCasesTheyStandFor() {
        let policy = DecisionPolicy()
        let tallies = [tally("a", cases: 30, repeats: 3, failing: 0), tally("b", cases: 30, repeats: 3, failing: 4)]
        let row = PlatformComparison.rows(a: "a", b: "b", tallies: tallies, policy: policy).first { $0.suite == "determinism" }
        // Shown as samples: 12 of 90 against 0 of 90…
        #expect(row?.b == Proportion(failures: 12, trials: 90) && row?.a == Proportion(failures: 0, trials: 90))
        #expect(abs((row?.designEffect ?? 0) - 3) < 0.3, "\(row?.designEffect ?? 0)")
        // …tested as 4 of 30 cases against 0 of 30: Fisher's p ≈ 0.056, not the 0.0002 of 12/90 vs 0/90.
        let samples = TwoProportionTest(a: Proportion(failures: 0, trials: 90), b: Proportion(failures: 12, trials: 90)).pValueBHigher
        #expect(samples < 0.001)
        #expect((row?.pValue ?? 0) > 0.02 && (row?.pValue ?? 0) < 0.1, "\(String(describing: row))")
    }
}
