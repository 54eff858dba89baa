import Foundation

/// Sequential change detection over every stream: per platform × suite × metric, one Bernoulli
/// CUSUM against the reference platform's recent rate and one against the platform's own
/// history, with a threshold set by a false-alarm budget shared by all detectors.
///
/// The detector is incremental: it takes the states left by the previous pass and advances each
/// over the runs it has not seen, so every run is judged once and alerts open once.
public struct RegressionDetector: Sendable {
    public let policy: AlertPolicy
    /// The reference platform.
    public let reference: String
    /// The normal quantile of the baselines' one-sided confidence.
    private let z: Double

    public init(policy: AlertPolicy, reference: String) {
        self.policy = policy
        self.reference = reference
        self.z = NormalQuantile.upper(1 - policy.baselineConfidence)
    }

    /// What a pass leaves.
    public struct Outcome: Sendable {
        /// Every detector's state after the pass.
        public var states: [DetectorKey: DetectorState]
        /// Alerts opened and resolved, in run order.
        public var transitions: [AlertTransition]
        /// The threshold used.
        public var threshold: Double

        public init(states: [DetectorKey: DetectorState], transitions: [AlertTransition], threshold: Double) {
            self.states = states
            self.transitions = transitions
            self.threshold = threshold
        }
    }

    /// Advances every detector over the runs it has not seen.
    ///
    /// - Parameters:
    ///   - runs: Runs in ascending id order: the new runs, preceded by enough earlier runs for the
    ///     baselines' windows (``AlertPolicy/baselineRuns`` + ``AlertPolicy/historyGap``).
    ///   - states: States from the previous pass (missing detectors start fresh).
    ///   - openStreams: Streams whose alert is open in the store.
    public func advance(runs: [RunTallies], states: [DetectorKey: DetectorState], openStreams: Set<StreamKey>) -> Outcome {
        let series = Series(runs: runs)
        var states = states
        var keys = Set(states.keys)
        for stream in series.streams {
            keys.insert(DetectorKey(stream: stream, baseline: .history))
            if stream.platform != reference { keys.insert(DetectorKey(stream: stream, baseline: .reference)) }
        }
        let threshold = policy.threshold(detectors: keys.count)
        var open = openStreams
        var transitions: [AlertTransition] = []
        let ordered = keys.sorted()
        for (index, run) in runs.enumerated() {
            for key in ordered {
                var state = states[key] ?? DetectorState()
                guard run.runID > state.lastRunID else { continue }
                state.lastRunID = run.runID
                defer { states[key] = state }
                guard let observation = series.tally(key.stream, at: index), observation.judged > 0 else { continue }
                guard let baseline = baseline(for: key, at: index, series: series, state: state) else { continue }
                let cusum = BernoulliCUSUM(nullRate: baseline.rate, ratio: policy.rateRatio, minimumIncrease: policy.minimumIncrease)
                // A run's samples of one case are not independent (temperature-0 repeats fail
                // together): its evidence counts as its design effect says it is worth.
                let ratio = cusum.logLikelihoodRatio(failed: observation.failed, judged: observation.judged) / observation.designEffect
                func evidence(_ statistic: Double, _ bar: Double) -> AlertEvidence {
                    var evidence = AlertEvidence(
                        baseline: key.baseline, category: key.stream.isInfrastructure ? "infrastructure" : "quality",
                        failed: observation.failed, judged: observation.judged, nullRate: cusum.nullRate,
                        alternativeRate: cusum.alternativeRate, statistic: statistic, threshold: bar,
                        baselineFailed: baseline.failed, baselineJudged: baseline.judged
                    )
                    evidence.designEffect = observation.designEffect
                    return evidence
                }
                if state.alarmed {
                    state.lower = max(0, state.lower - ratio)
                    if state.lower > policy.resolveEvidence {
                        state = DetectorState()
                        state.lastRunID = run.runID
                        let stillAlarmed = DetectorState.Baseline.allCases.contains { other in
                            other != key.baseline && states[DetectorKey(stream: key.stream, baseline: other)]?.alarmed == true
                        }
                        if !stillAlarmed, open.remove(key.stream) != nil {
                            transitions.append(
                                AlertTransition(
                                    kind: .resolved, stream: key.stream, runID: run.runID, at: run.startedAt,
                                    evidence: evidence(policy.resolveEvidence, policy.resolveEvidence))
                            )
                        }
                    }
                } else {
                    state.upper = max(0, state.upper + ratio)
                    if state.upper > threshold {
                        state.alarmed = true
                        state.lower = 0
                        state.frozenNullRate = baseline.rate
                        if open.insert(key.stream).inserted {
                            transitions.append(
                                AlertTransition(
                                    kind: .opened, stream: key.stream, runID: run.runID, at: run.startedAt, evidence: evidence(state.upper, threshold)
                                )
                            )
                        }
                        state.upper = 0
                    }
                }
            }
        }
        return Outcome(states: states, transitions: transitions, threshold: threshold)
    }

    private struct Baseline {
        var rate: Double
        var failed: Int
        var judged: Int
    }

    private func baseline(for key: DetectorKey, at index: Int, series: Series, state: DetectorState) -> Baseline? {
        switch key.baseline {
        case .reference:
            let stream = StreamKey(platform: reference, suite: key.stream.suite, metric: key.stream.metric)
            let (failed, judged) = series.sum(stream, from: index - policy.baselineRuns + 1, through: index)
            let bound = judged > 0 ? upperBound(failed, judged) : nil
            if let prior = policy.priorNullRates[key.stream.metric] {
                // A known healthy rate, raised when the reference's own window shows more.
                let rate = judged >= policy.minimumHistory ? max(prior, bound ?? 0) : prior
                return Baseline(rate: rate, failed: failed, judged: judged)
            }
            guard let bound else { return nil }
            return Baseline(rate: bound, failed: failed, judged: judged)
        case .history:
            let last = index - policy.historyGap - 1
            let (failed, judged) = series.sum(key.stream, from: last - policy.baselineRuns + 1, through: last)
            if let frozen = state.frozenNullRate, state.alarmed { return Baseline(rate: frozen, failed: failed, judged: judged) }
            guard judged >= policy.minimumHistory else { return nil }
            return Baseline(rate: upperBound(failed, judged), failed: failed, judged: judged)
        }
    }

    /// The one-sided Wilson upper bound of a rate at the policy's confidence: closed form, so a
    /// pass over thousands of runs and streams stays fast; at zero failures it sits above the exact
    /// bound (conservative).
    private func upperBound(_ failed: Int, _ judged: Int) -> Double {
        let proportion = Proportion(failures: failed, trials: judged)
        return proportion.wilsonInterval(z: z)?.upperBound ?? 1
    }

    /// Per stream, the tallies by run index and their prefix sums.
    private struct Series {
        var streams: [StreamKey] = []
        var tallies: [StreamKey: [Int: MetricTally]] = [:]
        var prefixFailed: [StreamKey: [Int]] = [:]
        var prefixJudged: [StreamKey: [Int]] = [:]

        init(runs: [RunTallies]) {
            for (index, run) in runs.enumerated() {
                for tally in run.tallies { tallies[tally.stream, default: [:]][index] = tally }
            }
            streams = tallies.keys.sorted()
            for stream in streams {
                var failed = [0]
                var judged = [0]
                let byIndex = tallies[stream] ?? [:]
                for index in runs.indices {
                    failed.append(failed[index] + (byIndex[index]?.failed ?? 0))
                    judged.append(judged[index] + (byIndex[index]?.judged ?? 0))
                }
                prefixFailed[stream] = failed
                prefixJudged[stream] = judged
            }
        }

        func tally(_ stream: StreamKey, at index: Int) -> MetricTally? { tallies[stream]?[index] }

        /// Failures and judged samples of runs `from...through` (clamped to the runs held).
        func sum(_ stream: StreamKey, from start: Int, through end: Int) -> (Int, Int) {
            guard let failed = prefixFailed[stream], let judged = prefixJudged[stream] else { return (0, 0) }
            let low = max(0, start)
            let high = min(end + 1, failed.count - 1)
            guard high > low else { return (0, 0) }
            return (failed[high] - failed[low], judged[high] - judged[low])
        }
    }
}
