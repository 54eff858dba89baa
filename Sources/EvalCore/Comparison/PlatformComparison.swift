/// Compares two platforms' pooled failure rates per suite × metric: Newcombe intervals, one-sided
/// exact or z p-values, Holm across rows.
///
/// The unit is the sample, but the samples of one case in one run are not independent (three
/// temperature-0 repeats answer alike): both platforms' counts are divided by the design effect of
/// the two pooled (``MetricTally/designEffect``, from per-case sums; pooled because under the null
/// both fail alike, and a platform with no failure shows none) before they are tested, so such
/// repeats count about once. The rates shown are the samples' own.
public enum PlatformComparison {
    /// The rows comparing `a` (baseline) and `b`.
    ///
    /// - Parameters:
    ///   - a: The baseline platform.
    ///   - b: The platform judged.
    ///   - tallies: Both platforms' tallies, already pooled over the runs compared, per suite (the
    ///     `*` rows are added here). Infrastructure tallies are left out: they are not quality.
    ///   - policy: Alpha and minimum effect.
    public static func rows(a: String, b: String, tallies: [MetricTally], policy: DecisionPolicy) -> [ComparisonRow] {
        let none = MetricTally(platform: "", suite: "", metric: "", judged: 0, failed: 0)
        var byKey: [SuiteMetric: (a: MetricTally, b: MetricTally)] = [:]
        for tally in MetricTally.withPooledSuites(tallies.filter { $0.metric != MetricTally.infraMetric }) {
            let key = SuiteMetric(suite: tally.suite, metric: tally.metric)
            var pair = byKey[key] ?? (none, none)
            if tally.platform == a { pair.a = tally } else if tally.platform == b { pair.b = tally }
            byKey[key] = pair
        }
        let judged = byKey.filter { $0.value.a.judged > 0 && $0.value.b.judged > 0 }
        // What each row could have seen, at the strictest Holm step; never below the minimum effect.
        let level = policy.alpha / Double(max(1, judged.count))
        let rows = judged.map { key, pair in
            // Tested on what the samples are worth as independent ones; shown as they are.
            let effect = pair.a.merged(with: pair.b).designEffect
            let (a, b) = (Proportion(failures: pair.a.failed, trials: pair.a.judged), Proportion(failures: pair.b.failed, trials: pair.b.judged))
            let (worthA, worthB) = (a.dividing(by: effect), b.dividing(by: effect))
            var row = ComparisonRow(key, a: worthA, b: worthB, pValue: TwoProportionTest(a: worthA, b: worthB).pValueBHigher)
            (row.a, row.b, row.delta, row.designEffect) = (a, b, (b.rate ?? 0) - (a.rate ?? 0), effect)
            row.detectableEffect = DetectableEffect.twoProportions(baseline: worthA, candidateTrials: worthB.trials, level: level)
                .map { max($0, policy.minimumEffect) }
            return row
        }
        return decide(rows, policy: policy)
    }

    /// Holm-adjusts the rows' p-values and marks regressions, sorted by suite (`*` first) and metric.
    static func decide(_ rows: [ComparisonRow], policy: DecisionPolicy) -> [ComparisonRow] {
        var rows = rows
        let adjusted = MultipleTesting.holm(rows.map(\.pValue))
        for index in rows.indices {
            rows[index].adjustedPValue = adjusted[index]
            rows[index].regression = adjusted[index] < policy.alpha && rows[index].delta >= policy.minimumEffect
        }
        return rows.sorted { lhs, rhs in
            let left = (lhs.suite == MetricTally.allSuites ? 0 : 1, lhs.suite, lhs.metric)
            let right = (rhs.suite == MetricTally.allSuites ? 0 : 1, rhs.suite, rhs.metric)
            return left < right
        }
    }
}
