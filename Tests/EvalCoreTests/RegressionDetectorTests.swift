import EvalCore
import Testing

/// Synthetic runs: every platform healthy at the same per-metric rates, optionally one stream raised.
private struct SyntheticFleet {
    var platforms = ["reference", "gpu", "tpu", "trn"]
    var suites = ["code", "prose", "multilingual"]
    /// Healthy failure rate and samples per run of each metric.
    var metrics: [(name: String, rate: Double, samples: Int)] = [("drift-nucleus", 0, 60), ("language-mix", 0.01, 60), ("code-syntax", 0.05, 20)]
    var generator = SplitMix64(seed: 42)

    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        var count = 0
        for _ in 0..<n where generator.nextUniform() < p { count += 1 }
        return count
    }

    /// One run; `raise` gives a platform × metric a different rate.
    mutating func run(_ id: Int64, raise: (platform: String, metric: String, rate: Double)? = nil) -> RunTallies {
        var tallies: [MetricTally] = []
        for platform in platforms {
            for suite in suites {
                for metric in metrics {
                    var rate = metric.rate
                    if let raise, raise.platform == platform, raise.metric == metric.name { rate = raise.rate }
                    tallies.append(
                        MetricTally(
                            platform: platform, suite: suite, metric: metric.name, judged: metric.samples, failed: binomial(metric.samples, rate)))
                }
            }
        }
        return RunTallies(runID: id, startedAt: Double(id) * 3600, tallies: MetricTally.withPooledSuites(tallies))
    }
}

struct RegressionDetectorTests {
    var policy: AlertPolicy {
        var policy = AlertPolicy()
        policy.priorNullRates = ["drift-nucleus": 0.000664]
        return policy
    }

    @Test func cusumIncrementsFavourTheRateThatFitsTheCounts() {
        let cusum = BernoulliCUSUM(nullRate: 0.01, ratio: 3, minimumIncrease: 0.005)
        #expect(cusum.alternativeRate == 0.03)
        #expect(cusum.logLikelihoodRatio(failed: 0, judged: 100) < 0)
        #expect(cusum.logLikelihoodRatio(failed: 6, judged: 100) > 0)
        // log(50 streams × 168 checks / 1 false alarm).
        #expect(abs(BernoulliCUSUM.threshold(detectors: 50, checksPerPeriod: 168, falseAlarmsPerPeriod: 1) - 9.036) < 0.001)
    }

    /// ~48 streams (4 platforms × 4 suites incl.
    ///
    /// pooled × 3 metrics), swept hourly for 10 weeks:
    /// the false-alarm budget is 1 per week (at most 10 in all), and the README says this run sees none.
    @Test func healthyStreamsStayWithinTheFalseAlarmBudget() {
        var fleet = SyntheticFleet()
        let runs = (1...1_680).map { fleet.run(Int64($0)) }
        let detector = RegressionDetector(policy: policy, reference: "reference")
        let outcome = detector.advance(runs: runs, states: [:], openStreams: [])
        let opened = outcome.transitions.filter { $0.kind == .opened }
        #expect(opened.isEmpty, "false alerts: \(opened.map { "\($0.stream) run \($0.runID)" })")
        #expect(Set(outcome.states.keys.map(\.stream)).count == 48)
    }

    @Test func aRaisedRateOpensOneAlertThatResolvesAfterRecovery() {
        var fleet = SyntheticFleet()
        var runs = (1...200).map { fleet.run(Int64($0)) }
        let detector = RegressionDetector(policy: policy, reference: "reference")
        var outcome = detector.advance(runs: runs, states: [:], openStreams: [])
        var open = Set(outcome.transitions.filter { $0.kind == .opened }.map(\.stream))
        let healthyOpened = outcome.transitions.count
        // language-mix on tpu rises from 1% to 8% for 20 runs, one pass per run as cron would.
        var openedAt: [StreamKey: Int64] = [:]
        for id in 201...260 {
            let raised = id <= 220 ? (platform: "tpu", metric: "language-mix", rate: 0.08) : nil
            runs.append(fleet.run(Int64(id), raise: raised))
            outcome = detector.advance(runs: Array(runs.suffix(200)), states: outcome.states, openStreams: open)
            for transition in outcome.transitions {
                switch transition.kind {
                case .opened:
                    #expect(openedAt[transition.stream] == nil, "opened twice: \(transition.stream)")
                    openedAt[transition.stream] = transition.runID
                    open.insert(transition.stream)
                case .resolved:
                    open.remove(transition.stream)
                }
            }
        }
        let pooled = StreamKey(platform: "tpu", suite: "*", metric: "language-mix")
        #expect(healthyOpened == 0)
        #expect((openedAt[pooled] ?? 999) <= 203, "detected at run \(openedAt[pooled].map(String.init) ?? "never")")
        #expect(openedAt.keys.allSatisfy { $0.platform == "tpu" && $0.metric == "language-mix" }, "\(openedAt)")
        #expect(!open.contains(pooled), "still open 40 runs after recovery")
    }

    /// Three failures of 90 per run, as three cases failing once or as one case failing all three
    /// repeats: the clustered ones are worth about a third of the evidence, so they alert later.
    @Test func failuresThatComeInWholeCasesCountAsTheirDesignEffectSays() {
        func tally(_ platform: String, failed: Int, clustered: Bool) -> MetricTally {
            var tally = MetricTally(platform: platform, suite: "determinism", metric: "language-mix", judged: 90, failed: failed)
            tally.clusters = 30
            tally.judgedSquares = 30 * 9
            tally.failedJudged = failed * 3
            tally.failedSquares = clustered ? (failed / 3) * 9 : failed
            return tally
        }
        /// The run at which the platform's alert opens, the failures starting at run 31.
        func opening(clustered: Bool) -> Int64? {
            let runs = (1...60).map { id in
                RunTallies(
                    runID: Int64(id), startedAt: Double(id) * 3600,
                    tallies: [tally("reference", failed: 0, clustered: false), tally("p", failed: id > 30 ? 3 : 0, clustered: clustered)])
            }
            let outcome = RegressionDetector(policy: policy, reference: "reference").advance(runs: runs, states: [:], openStreams: [])
            return outcome.transitions.filter { $0.kind == .opened && $0.stream.platform == "p" }.map(\.runID).min()
        }
        #expect(abs(tally("p", failed: 3, clustered: true).designEffect - 3.1) < 0.1)
        #expect(tally("p", failed: 3, clustered: false).designEffect == 1)
        let independent = opening(clustered: false)
        let together = opening(clustered: true)
        #expect(independent != nil && independent ?? 0 > 30)
        #expect((together ?? .max) > (independent ?? .max), "\(String(describing: together)) vs \(String(describing: independent))")
    }

    @Test func infrastructureStreamsAreLabelledInfrastructure() {
        let key = StreamKey(platform: "p", suite: "*", metric: MetricTally.infraMetric)
        #expect(key.isInfrastructure)
        var fleet = SyntheticFleet()
        fleet.metrics = [(MetricTally.infraMetric, 0.0, 60)]
        var runs = (1...30).map { fleet.run(Int64($0)) }
        runs += (31...35).map { fleet.run(Int64($0), raise: ("gpu", MetricTally.infraMetric, 0.5)) }
        let outcome = RegressionDetector(policy: policy, reference: "reference").advance(runs: runs, states: [:], openStreams: [])
        let opened = outcome.transitions.filter { $0.kind == .opened }
        #expect(!opened.isEmpty && opened.allSatisfy { $0.evidence.category == "infrastructure" && $0.stream.platform == "gpu" })
    }
}

struct ComparisonStatisticsTests {
    @Test func newcombeIntervalCoversTheDifferenceAndExcludesZeroForALargeGap() {
        let test = TwoProportionTest(a: Proportion(failures: 5, trials: 500), b: Proportion(failures: 40, trials: 500))
        let interval = try! #require(test.interval())
        #expect(abs(test.difference! - 0.07) < 1e-12)
        #expect(interval.contains(0.07) && interval.lowerBound > 0)
        #expect(test.pValueBHigher < 1e-6)
        let same = TwoProportionTest(a: Proportion(failures: 10, trials: 500), b: Proportion(failures: 10, trials: 500))
        #expect(same.pValueBHigher > 0.5)
    }

    /// Fisher's exact one-sided p for a 2×2 table, checked against a hand computation:
    /// a 0/10, b 3/10 → C(10,3)/C(20,3) = 120/1140.
    @Test func fisherTailMatchesAHandComputation() {
        let test = TwoProportionTest(a: Proportion(failures: 0, trials: 10), b: Proportion(failures: 3, trials: 10))
        #expect(abs(test.pValueBHigher - 120.0 / 1140.0) < 1e-9)
    }

    @Test func signFlipTestIsExactAndOneFlakyCaseCannotCarryIt() {
        #expect(SignFlipTest.pValue([1, 0, 0, 0]) == 0.5)
        #expect(SignFlipTest.pValue([0.2, 0.2, 0.2, 0.2, 0.2]) == 1.0 / 32)
        #expect(SignFlipTest.pValue([0.2, -0.2, 0.2, -0.2]) > 0.5)
        let many = [Double](repeating: 0.1, count: 30)
        #expect(SignFlipTest.pValue(many) < 0.001)
    }

    @Test func gateNeedsSignificanceAndTheMinimumEffect() {
        var cases: [GateEvaluation.CaseTally] = []
        for index in 0..<40 {
            for platform in ["base", "cand"] {
                let failed = platform == "cand" && index < 12 ? 2 : 0
                cases.append(.init(platform: platform, suite: "s", caseID: "c\(index)", metric: "language-mix", judged: 5, failed: failed))
                cases.append(.init(platform: platform, suite: "s", caseID: "c\(index)", metric: MetricTally.infraMetric, judged: 5, failed: 0))
            }
        }
        var policy = DecisionPolicy()
        let regressed = GateEvaluation(candidate: "cand", baseline: "base", cases: cases, policy: policy)
        #expect(regressed.verdict == .regression)
        policy.minimumEffect = 0.5
        // Not a regression: the effect is below the minimum (and a gate that only counts 50 points
        // could not see a 10-point one: it cannot pass either).
        #expect(GateEvaluation(candidate: "cand", baseline: "base", cases: cases, policy: policy).verdict == .underpowered)
        // One flaky case, however bad, does not fail the gate.
        let flaky = cases.map { tally in
            var tally = tally
            tally.failed = tally.platform == "cand" && tally.caseID == "c0" && tally.metric == "language-mix" ? 5 : 0
            return tally
        }
        #expect(GateEvaluation(candidate: "cand", baseline: "base", cases: flaky, policy: DecisionPolicy()).verdict == .pass)
        let broken = cases.map { tally in
            var tally = tally
            if tally.platform == "cand" && tally.metric == MetricTally.infraMetric { tally.failed = 3 }
            return tally
        }
        #expect(GateEvaluation(candidate: "cand", baseline: "base", cases: broken, policy: DecisionPolicy()).verdict == .infrastructure)
    }

    @Test func tokenDiffKeepsCommonTokensAndMarksTheChange() {
        let diff = TokenDiff.diff(reference: ["The", " cat", " sat", "."], output: ["The", " cat", " 猫", " sat", "."])
        #expect(diff == [.init(.equal, "The cat"), .init(.added, " 猫"), .init(.equal, " sat.")])
        #expect(TokenDiff.words("a, b") == ["a", ",", " ", "b"])
        let replaced = TokenDiff.diff(reference: TokenDiff.words("x = 1"), output: TokenDiff.words("x = 2"))
        #expect(replaced == [.init(.equal, "x = "), .init(.removed, "1"), .init(.added, "2")])
    }
}
