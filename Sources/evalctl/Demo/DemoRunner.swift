import EvalCore
import EvalFleet
import EvalStore
import Foundation
import Logging
import Synchronization

/// `evalctl demo`: the postmortem's timeline replayed on a simulated clock.
///
/// Every hourly sweep is
/// a real sweep (scorers, reference replay, SQLite store) followed by a real detection pass; the
/// fleet is called in process so that 720 sweeps take minutes.
struct DemoRunner: Sendable {
    var timeline: PostmortemTimeline
    var suites: [Suite]
    var storePath: String
    var seed: UInt64
    /// Apply language-mix and code-syntax besides drift.
    var scorers: [any SampleScorer]
    var thresholds: DriftThresholds
    var policy: AlertPolicy
    /// The fleet clock's origin as a calendar time, so runs carry dates of the real incident.
    var epoch: Double = 1_754_006_400  // 2025-08-01T00:00:00Z
    var progress: @Sendable (String) -> Void = { _ in }

    /// What the replay left in the store.
    struct Outcome: Sendable {
        var store: ResultStore
        var firstRunID: Int64
        var samplesPerSweep: Int
        var elapsed: Double
        var configuration: EvalConfiguration
    }

    /// The configuration the replay sweeps with: every platform of the timeline, in process.
    var configuration: EvalConfiguration {
        var configuration = EvalConfiguration(
            reference: timeline.scenario.reference,
            platforms: timeline.scenario.platforms.map {
                PlatformConfiguration(name: $0.name, baseURL: "in-process", model: timeline.scenario.model, maxConcurrency: 16, requestTimeout: 30)
            }
        )
        configuration.store = storePath
        configuration.alertPolicy = policy
        return configuration
    }

    func run(logger: Logger) async throws -> Outcome {
        let lock = try StoreLock(storePath: storePath)
        defer { withExtendedLifetime(lock) {} }
        let store = try ResultStore(path: storePath)
        let clock = SimulatedClock()
        let server = FleetServer(scenario: timeline.scenario, logger: logger, clock: { clock.now })
        var configuration = self.configuration
        let backends = try configuration.platforms.map { platform -> InProcessFleetBackend in
            guard let backend = InProcessFleetBackend(server: server, platform: platform.name) else {
                throw DemoError("the timeline has no platform '\(platform.name)'")
            }
            return backend
        }
        guard let referenceIndex = configuration.platforms.firstIndex(where: { $0.name == configuration.reference }) else {
            throw DemoError("the timeline has no reference platform")
        }
        let drift = DriftScorer(
            replayer: ReferenceReplayer(source: backends[referenceIndex], topLogprobs: 20, policy: RetryPolicy(maxAttempts: 1)),
            thresholds: thresholds
        )
        let provenance = ResultStore.Provenance.current()
        let started = ContinuousClock.now
        var firstRunID: Int64?
        var samplesPerSweep = 0
        configuration.routingKeys = (0..<max(1, suites.reduce(0) { $0 + $1.requests })).map { "demo-\(seed)-\($0)" }
        configuration.rotateRoutingKeys = true
        for sweep in 0..<timeline.sweeps {
            clock.set(PostmortemTimeline.time(ofSweep: sweep))
            // A routing key per request, rotated every hour (`rotate_routing_keys`), and a fresh draw
            // of seeds: a sticky fault that misses a fixed set of keys would stay invisible forever.
            let keys = configuration.routingKeys(forSweepAt: epoch + PostmortemTimeline.time(ofSweep: sweep))
            let plan = SweepPlan(
                suites: suites, platforms: configuration.platforms.map(\.name), routingKeys: keys,
                seedSalt: StableHash.value(of: "demo\u{0}\(seed)\u{0}\(sweep)") | 1
            )
            samplesPerSweep = plan.count
            let sweptConfiguration = configuration
            let (thresholds, suites, epoch, progress) = (thresholds, suites, epoch, progress)
            // Simulated time: a sweep starts on its hour and takes a minute.
            let lifecycle = RunLifecycle<RunRecorder>(
                begin: {
                    try await store.beginRun(
                        configuration: sweptConfiguration, suites: suites, provenance: provenance,
                        startedAt: epoch + PostmortemTimeline.time(ofSweep: sweep), storingTokens: false)
                },
                finish: { recorder, ending in
                    try await store.finishRun(
                        recorder.runID, status: RunRecord.Status(ending), endedAt: epoch + PostmortemTimeline.time(ofSweep: sweep) + 60)
                },
                detect: { _ in
                    let detection = try await AlertDetection.pass(store: store, configuration: sweptConfiguration, thresholds: thresholds)
                    for alert in detection.changed where alert.status == .open {
                        progress(
                            "  day \(sweep / timeline.sweepsPerDay) \(String(format: "%02d", sweep % timeline.sweepsPerDay)):00  alert opened: \(alert.platform) · \(alert.suite) · \(alert.metric)"
                        )
                    }
                }
            )
            let (recorder, _) = try await lifecycle.execute { recorder in
                let sweeper = Sweeper(
                    targets: zip(sweptConfiguration.platforms, backends).map { Sweeper.Target(configuration: $0, backend: $1) },
                    scorers: scorers, requestScorers: [drift], recorder: recorder, logger: logger
                )
                return try await sweeper.run(plan)
            }
            firstRunID = firstRunID ?? recorder.runID
            if (sweep + 1) % timeline.sweepsPerDay == 0 {
                let elapsed = (ContinuousClock.now - started).seconds
                progress(
                    "day \((sweep + 1) / timeline.sweepsPerDay)/\(timeline.days) done (\(sweep + 1) sweeps, \(String(format: "%.0f", elapsed)) s)")
            }
        }
        return Outcome(
            store: store, firstRunID: firstRunID ?? 0, samplesPerSweep: samplesPerSweep, elapsed: (ContinuousClock.now - started).seconds,
            configuration: configuration
        )
    }
}
