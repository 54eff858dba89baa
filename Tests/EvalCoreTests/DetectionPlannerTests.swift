import EvalCore
import Testing

struct DetectionPlannerTests {
    let planner = DetectionPlanner(nullRate: 0.000664, policy: AlertPolicy(), detectors: 200)

    /// The grid computation agrees with a direct simulation of the same CUSUM on binomial draws.
    @Test(arguments: [(400, 0.01), (800, 0.006), (1_500, 0.004)])
    func powerAgreesWithASimulatedCUSUM(samples: Int, failureRate: Double) {
        var generator = SplitMix64(seed: UInt64(samples))
        let trials = 4_000
        var alarms = 0
        for _ in 0..<trials {
            var statistic = 0.0
            for _ in 0..<2 {
                var failed = 0
                for _ in 0..<samples where generator.nextUniform() < failureRate { failed += 1 }
                statistic = max(0, statistic + planner.cusum.logLikelihoodRatio(failed: failed, judged: samples))
                if statistic > planner.threshold {
                    alarms += 1
                    break
                }
            }
        }
        let simulated = Double(alarms) / Double(trials)
        let computed = planner.power(samples: samples, failureRate: failureRate, sweeps: 2)
        // 4,000 trials: the simulated rate's standard error is at most 0.008.
        #expect(abs(simulated - computed) < 0.03, "simulated \(simulated), computed \(computed)")
    }

    @Test func theSizeFoundReachesThePowerAndOnePercentLessDoesNot() throws {
        let rate = planner.failureRate(affected: 0.008, sensitivity: 1)
        let needed = try #require(planner.samplesNeeded(failureRate: rate, power: 0.95, sweeps: 2))
        #expect(planner.power(samples: needed, failureRate: rate, sweeps: 2) >= 0.95)
        #expect(planner.power(samples: needed * 98 / 100, failureRate: rate, sweeps: 2) < 0.95)
        // More sweeps to detect in need fewer samples per sweep; a rarer fault needs more.
        let patient = try #require(planner.samplesNeeded(failureRate: rate, power: 0.95, sweeps: 6))
        #expect(patient < needed)
        let rarer = try #require(planner.samplesNeeded(failureRate: planner.failureRate(affected: 0.004, sensitivity: 1), power: 0.95, sweeps: 2))
        #expect(rarer > needed)
    }

    @Test func aFaultBelowTheDetectorsTuningIsNotDetectable() {
        // Tuned to null + 0.5 points: a fault adding 0.1 point pulls the statistic down on average.
        let rate = planner.failureRate(affected: 0.001, sensitivity: 1)
        #expect(planner.samplesNeeded(failureRate: rate, power: 0.9, sweeps: 2, limit: 200_000) == nil)
    }

    @Test func aHealthyStreamAlmostNeverAlarms() {
        #expect(planner.power(samples: 1_000, failureRate: 0.000664, sweeps: 24) < 0.01)
    }
}

/// The planner counts detectors as the detector creates them.
struct DetectorTopologyTests {
    @Test func theCountIsTheDetectorsOwn() {
        // Two platforms, two suites: streams per platform × (2 suites + pooled) × metrics.
        var tallies: [MetricTally] = []
        for platform in ["reference", "candidate"] {
            for suite in ["a", "b"] {
                for metric in DetectorTopology.sweptMetrics() {
                    tallies.append(MetricTally(platform: platform, suite: suite, metric: metric, judged: 10, failed: 0))
                }
            }
        }
        let run = RunTallies(runID: 1, startedAt: 0, tallies: MetricTally.withPooledSuites(tallies))
        let outcome = RegressionDetector(policy: AlertPolicy(), reference: "reference").advance(runs: [run], states: [:], openStreams: [])
        #expect(outcome.states.count == DetectorTopology.detectorCount(platforms: 2, suites: 2))
        #expect(DetectorTopology.sweptMetrics().count == 7 && DetectorTopology.sweptMetrics(referenceTeacherForces: false).count == 5)
    }
}
