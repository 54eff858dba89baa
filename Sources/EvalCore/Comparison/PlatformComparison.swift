/// Compares two platforms' pooled failure rates per suite × metric: Newcombe intervals, one-sided
/// exact or z p-values, Holm across rows.
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
        var byKey: [SuiteMetric: (a: Proportion, b: Proportion)] = [:]
        for tally in MetricTally.withPooledSuites(tallies.filter { $0.metric != MetricTally.infraMetric }) {
            let key = SuiteMetric(suite: tally.suite, metric: tally.metric)
            var pair = byKey[key] ?? (Proportion(failures: 0, trials: 0), Proportion(failures: 0, trials: 0))
            let proportion = Proportion(failures: tally.failed, trials: tally.judged)
            if tally.platform == a { pair.a = proportion } else if tally.platform == b { pair.b = proportion }
            byKey[key] = pair
        }
        let rows = byKey.filter { $0.value.a.trials > 0 && $0.value.b.trials > 0 }.map { key, pair in
            ComparisonRow(key, a: pair.a, b: pair.b, pValue: TwoProportionTest(a: pair.a, b: pair.b).pValueBHigher)
        }
        // What each row could have seen, at the strictest Holm step; never below the minimum effect.
        let level = policy.alpha / Double(max(1, rows.count))
        return decide(rows, policy: policy).map { row in
            var row = row
            row.detectableEffect = DetectableEffect.twoProportions(baseline: row.a, candidateTrials: row.b.trials, level: level)
                .map { max($0, policy.minimumEffect) }
            return row
        }
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
