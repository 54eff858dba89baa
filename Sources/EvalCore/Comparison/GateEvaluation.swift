/// A CI gate's verdict on one run: per suite × metric, a paired sign-flip test over the cases both
/// platforms answered, plus the minimum effect, so one flaky case cannot fail a deploy.
///
/// Metrics with a known null rate (``DecisionPolicy/nullRates``: the drift metrics' calibrated rates,
/// the text scorers' measured false-positive rates) are also tested by an exact binomial test against
/// the larger of the null rate and the baseline's own rate: sample by sample for the drift metrics,
/// case by case for the text scorers (``DecisionPolicy/caseLevelNullMetrics``); the row's p-value is
/// the smaller of the two tests' times two (Bonferroni). The baseline's history (its earlier runs)
/// takes part too: its failure rate there, at the upper end of its 95% interval, raises that bar
/// where the baseline has long failed more often than the null; and a metric with no known null
/// rate is tested against it alone, so a rare failure the paired test cannot see over a few cases
/// (5 of 90 against the baseline's 0 of 2,000 before) still counts.
public struct GateEvaluation: Sendable, Equatable {
    /// One case's counts for one platform and metric.
    public struct CaseTally: Sendable, Equatable {
        public var platform: String
        public var suite: String
        public var caseID: String
        public var metric: String
        public var judged: Int
        public var failed: Int

        public init(platform: String, suite: String, caseID: String, metric: String, judged: Int, failed: Int) {
            self.platform = platform
            self.suite = suite
            self.caseID = caseID
            self.metric = metric
            self.judged = judged
            self.failed = failed
        }
    }

    /// What the gate decided.
    public enum Verdict: String, Sendable {
        case pass
        case regression
        /// The candidate could not be judged (too many infrastructure errors, or no samples).
        case infrastructure
        /// No regression was seen, but the run had too few samples to see one of
        /// ``DecisionPolicy/maximumUndetectableEffect``: not a pass.
        case underpowered
    }

    public var candidate: String
    public var baseline: String
    /// Per suite × metric, with the paired p-value as `pValue` and the pooled difference as `delta`.
    public var rows: [ComparisonRow]
    /// Pairs (cases both platforms answered) per row.
    public var pairs: [SuiteMetric: Int]
    /// The candidate's infrastructure error rate in the run.
    public var infraErrorRate: Double
    public var verdict: Verdict
    /// Why the verdict is `infrastructure` or `underpowered`.
    public var infraReason: String?
    /// Per row, the smallest increase in failure rate (absolute) the run would have flagged with
    /// power 0.8 (``DetectableEffect``); infinity when not even 100 points would be.
    public var detectable: [SuiteMetric: Double] = [:]
    /// The significance level each row's MDE is computed at: alpha over the number of rows.
    public var detectableLevel: Double = 0
    /// How many earlier runs of the baseline its history pooled.
    public var historyRuns = 0

    /// The fewest judged samples in the baseline's history for it to set a null rate.
    public static let minimumHistory = 100

    /// Evaluates a run.
    ///
    /// - Parameters:
    ///   - candidate: The platform under test.
    ///   - baseline: The platform it must not be worse than.
    ///   - cases: Both platforms' per-case tallies in the run, including ``MetricTally/infraMetric``.
    ///   - policy: Alpha, minimum effect, infrastructure limit.
    ///   - history: The baseline's tallies over its earlier runs (per suite and metric), and how
    ///     many runs they pool; suite `*` rows are summed here.
    public init(
        candidate: String, baseline: String, cases: [CaseTally], policy: DecisionPolicy, history: (tallies: [MetricTally], runs: Int) = ([], 0)
    ) {
        self.candidate = candidate
        self.baseline = baseline
        historyRuns = history.runs
        var past: [SuiteMetric: Proportion] = [:]
        for tally in history.tallies where tally.suite != MetricTally.allSuites && tally.metric != MetricTally.infraMetric {
            for suite in [tally.suite, MetricTally.allSuites] {
                let key = SuiteMetric(suite: suite, metric: tally.metric)
                let sum = past[key] ?? Proportion(failures: 0, trials: 0)
                past[key] = Proportion(failures: sum.failures + tally.failed, trials: sum.trials + tally.judged)
            }
        }
        let infra = cases.filter { $0.metric == MetricTally.infraMetric && $0.platform == candidate }
        let requests = infra.reduce(0) { $0 + $1.judged }
        infraErrorRate = requests > 0 ? Double(infra.reduce(0) { $0 + $1.failed }) / Double(requests) : 1
        // Per row, per case (suite and case id): the candidate's and the baseline's (failed, judged).
        var groups: [SuiteMetric: [String: (c: (Int, Int), b: (Int, Int))]] = [:]
        for tally in cases where tally.metric != MetricTally.infraMetric && (tally.platform == candidate || tally.platform == baseline) {
            let caseKey = tally.suite + "\u{0}" + tally.caseID
            for suite in [tally.suite, MetricTally.allSuites] {
                let key = SuiteMetric(suite: suite, metric: tally.metric)
                var entry = groups[key, default: [:]][caseKey] ?? ((0, 0), (0, 0))
                if tally.platform == candidate {
                    entry.c = (entry.c.0 + tally.failed, entry.c.1 + tally.judged)
                } else {
                    entry.b = (entry.b.0 + tally.failed, entry.b.1 + tally.judged)
                }
                groups[key, default: [:]][caseKey] = entry
            }
        }
        var rows: [ComparisonRow] = []
        var pairs: [SuiteMetric: Int] = [:]
        var powerCases: [SuiteMetric: [DetectableEffect.Case]] = [:]
        for (key, byCase) in groups {
            // A metric with a null rate is judged even where the baseline has no score of its own (the
            // reference is not compared with itself by the aligned method): its rate there counts as 0.
            // The baseline's long-run rate, where its history is long enough to say.
            let historical = past[key].flatMap { $0.trials >= Self.minimumHistory ? $0.wilsonInterval()?.upperBound : nil }
            let null = policy.nullRates[key.metric] ?? historical
            let paired = byCase.values.filter { $0.c.1 > 0 && ($0.b.1 > 0 || null != nil) }
            guard !paired.isEmpty else { continue }
            let differences = paired.map { Double($0.c.0) / Double($0.c.1) - ($0.b.1 > 0 ? Double($0.b.0) / Double($0.b.1) : 0) }
            let a = Proportion(failures: paired.reduce(0) { $0 + $1.b.0 }, trials: paired.reduce(0) { $0 + $1.b.1 })
            let b = Proportion(failures: paired.reduce(0) { $0 + $1.c.0 }, trials: paired.reduce(0) { $0 + $1.c.1 })
            pairs[key] = paired.count
            powerCases[key] = paired.map { DetectableEffect.Case(candidateJudged: $0.c.1, baselineFailed: $0.b.0, baselineJudged: $0.b.1) }
            var pValue = SignFlipTest.pValue(differences)
            if let null {
                // The calibrated null is already an upper confidence bound of healthy platforms' rate;
                // the baseline's own rate raises the bar only where the baseline fails more often than
                // that. (Its upper bound would not: with 6 judged samples and none failed it is 39%, and
                // a candidate failing 6 of 6 would pass.)
                let rate = max(null, a.rate ?? 0, historical ?? 0)
                let tail: Double
                if policy.caseLevelNullMetrics.contains(key.metric) {
                    // Unit: the case (see ``DecisionPolicy/caseLevelNullMetrics``).
                    let perCase = DetectableEffect.caseRate(rate, samplesPerCase: Double(b.trials) / Double(paired.count))
                    tail = BinomialTest.upperTail(successes: paired.filter { $0.c.0 > 0 }.count, trials: paired.count, rate: perCase)
                } else {
                    // Unit: the sample, counted as the cases' repeats are worth (the design effect of
                    // both platforms' cases pooled: identical greedy repeats count about once).
                    var clustered = MetricTally(platform: candidate, suite: key.suite, metric: key.metric, judged: 0, failed: 0)
                    for entry in paired {
                        for (failed, judged) in [entry.c, entry.b] where judged > 0 { clustered.addCase(failed: failed, judged: judged) }
                    }
                    let worth = b.dividing(by: clustered.designEffect)
                    tail = BinomialTest.upperTail(successes: worth.failures, trials: worth.trials, rate: rate)
                }
                pValue = min(1, 2 * min(pValue, tail))
            }
            var row = ComparisonRow(key, a: a, b: b, pValue: pValue)
            if a.trials == 0, let null, let rate = b.rate, let interval = b.wilsonInterval() {
                // No baseline scores: the difference is from the null rate.
                row.delta = rate - null
                row.ciLow = interval.lowerBound - null
                row.ciHigh = interval.upperBound - null
            }
            rows.append(row)
        }
        self.rows = PlatformComparison.decide(rows, policy: policy)
        self.pairs = pairs
        if requests == 0 {
            verdict = .infrastructure
            infraReason = "\(candidate) has no samples in the run"
        } else if !cases.contains(where: { $0.platform == baseline }) {
            verdict = .infrastructure
            infraReason = "\(baseline) has no samples in the run"
        } else if infraErrorRate > policy.maximumInfraErrorRate {
            verdict = .infrastructure
            infraReason =
                "\(candidate) failed \(String(format: "%.1f", infraErrorRate * 100))% of requests (limit \(String(format: "%.1f", policy.maximumInfraErrorRate * 100))%)"
        } else {
            verdict = self.rows.contains(where: \.regression) ? .regression : .pass
            infraReason = nil
        }
        detectableLevel = policy.alpha / Double(max(1, self.rows.count))
        let effect = DetectableEffect()
        for row in self.rows {
            detectable[row.key] =
                effect.minimum(
                    cases: powerCases[row.key] ?? [], level: detectableLevel, nullRate: policy.nullRates[row.metric],
                    minimumEffect: policy.minimumEffect,
                    caseLevel: policy.caseLevelNullMetrics.contains(row.metric)
                ) ?? .infinity
        }
        // A pass must be able to have seen the regression it rules out: judged over all the run's
        // cases of each metric (a suite's own rows are shown, and may be weaker).
        if verdict == .pass, policy.maximumUndetectableEffect < 1 {
            let pooled = self.rows.filter { $0.suite == MetricTally.allSuites }
            if let weakest = pooled.max(by: { (detectable[$0.key] ?? 0) < (detectable[$1.key] ?? 0) }),
                let mde = detectable[weakest.key], mde > policy.maximumUndetectableEffect
            {
                verdict = .underpowered
                let seen = mde.isFinite ? "\(Self.points(mde)) points" : "any size"
                infraReason =
                    "too few samples to rule out a regression: \(weakest.metric) over \(pairs[weakest.key] ?? 0) cases could only detect an increase of "
                    + "\(seen) with power 0.8 (limit gate.max_undetectable_effect \(Self.points(policy.maximumUndetectableEffect)) points); sweep more samples or cases"
            }
        }
    }

    /// A rate as points, without a needless decimal: 0.05 → "5", 0.075 → "7.5".
    public static func points(_ rate: Double) -> String {
        let value = rate * 100
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
