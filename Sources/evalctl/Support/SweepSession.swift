import ArgumentParser
import EvalBackends
import EvalConfig
import EvalCore
import EvalFleet
import EvalStore
import Foundation
import Logging

/// One sweep: the store locked, the embedded fleet started when configured, every request sent
/// and scored, the run finished.
///
/// Shared by `sweep` and `calibrate`.
struct SweepSession {
    var source: ConfigurationSource
    var suites: [Suite]
    var platformNames: [String]
    var seedSalt: UInt64 = 0
    /// Apply language-mix and code-syntax (calibration needs only drift).
    var textScorers = true
    /// Replay against the reference (`nil`: no drift scoring).
    var thresholds: DriftThresholds?
    /// The calibration file the thresholds came from (recorded in the run's provenance).
    var calibrationPath: String?
    /// This worker's shard of a sharded run (`nil`: the whole run, unsharded).
    var shard: Shard?
    /// The sharded run's key (`nil`: derived from the configuration, seed salt and hour).
    var runKey: String?

    /// What a finished sweep left.
    struct Outcome {
        var runID: Int64
        var elapsed: Double
        var store: ResultStore
        var configuration: EvalConfiguration
        /// What the drift replay probe found (`nil` without drift scoring).
        var replayNote: String?
        /// A shard's end: how many of the run's shards are complete, and whether this one completed
        /// the run (`nil` for an unsharded sweep).
        var shardFinish: ResultStore.ShardFinish?
        /// The sharded run's key.
        var runKey: String?
        /// Samples this process sent.
        var sent = 0
        /// The sharded run had completed before this shard started: nothing was sent.
        var alreadyComplete = false
    }

    /// The configuration's suites, or those named.
    static func suites(of source: ConfigurationSource, only ids: [String]) throws -> [Suite] {
        var suites = try SuiteCatalog.load(patterns: source.configuration.suites, configFile: source.file ?? "(embedded default)")
        if !ids.isEmpty {
            for id in ids where !suites.contains(where: { $0.id == id }) {
                throw ValidationError("no suite has id '\(id)' (known: \(suites.map(\.id).joined(separator: ", ")))")
            }
            suites = suites.filter { ids.contains($0.id) }
        }
        return suites
    }

    func run(logger: Logger) async throws -> Outcome {
        for name in platformNames where !source.configuration.platforms.contains(where: { $0.name == name }) {
            throw ValidationError("no platform is named '\(name)' (known: \(source.configuration.platforms.map(\.name).joined(separator: ", ")))")
        }
        // Everything that can be wrong with the input is found before the disk is touched.
        let scenario = source.usesEmbeddedFleet ? try ScenarioLoader.load(source.configuration.fleetScenario) : nil
        let storePath = source.configuration.store
        let target = StoreTarget(source.configuration)
        _ = try target.url()
        try target.prepareFolder()
        // An unsharded sweep holds the store alone; shards share it, each holding its own shard.
        let lock = try target.lock(exclusive: shard == nil)
        let key = try shard.map { _ in try resolvedRunKey() }
        let shardLock = try shard.map { try target.shardLock(runKey: key ?? "", shard: $0) }
        // Held until this function returns, on every path (ARC may otherwise release them after their last use).
        defer { withExtendedLifetime((lock, shardLock)) {} }
        let store = try target.open()
        // The embedded fleet logs only when asked to debug: its shutdown is not the user's concern.
        var fleetLogger = logger
        if logger.logLevel > .debug { fleetLogger.logLevel = .critical }
        var fleet: RunningFleet?
        if let scenario { fleet = try await FleetServer(scenario: scenario, logger: fleetLogger).start() }
        let transport = HTTPTransport()
        // Whatever fails from here on (the store's disk filling up included), the HTTP client and
        // the embedded fleet are shut down before the error is reported.
        do {
            let outcome =
                if let shard, let key {
                    try await shardedSweep(shard: shard, key: key, store: store, fleet: fleet, transport: transport, logger: logger)
                } else {
                    try await sweep(store: store, storePath: storePath, fleet: fleet, transport: transport, logger: logger)
                }
            try? await transport.shutdown()
            await fleet?.stop()
            return outcome
        } catch {
            try? await transport.shutdown()
            await fleet?.stop()
            throw error
        }
    }

    /// The run key a shard joins: `--run-key`, else the configuration's hash, seed salt and hour.
    func resolvedRunKey() throws -> String {
        if let runKey { return try RunKey.validated(runKey) }
        return RunKey.derived(configurationHash: source.configuration.contentHash, seedSalt: seedSalt, at: Date().timeIntervalSince1970)
    }

    /// The platforms' backends, the streamed platforms' whole-answer backends and the redactor of
    /// everything secret, for a resolved configuration.
    private func targets(_ configuration: EvalConfiguration, transport: HTTPTransport) throws -> (
        [Sweeper.Target], [StreamConsistencyScorer.WholeAnswers], SecretRedactor
    ) {
        let keys = try PlatformKeys.resolve(configuration, environment: ProcessInfo.processInfo.environment)
        let printedTokens = configuration.platforms.filter { $0.accessTokenCommand != nil }.compactMap { keys[$0.name]?.rawValue }
        ProcessSecrets.add(printedTokens)
        let targets = try configuration.platforms.map { platform in
            Sweeper.Target(
                configuration: platform, backend: try BackendFactory.makeBackend(for: platform, apiKey: keys[platform.name], transport: transport))
        }
        // Streamed platforms are asked once more, whole, for the first sample of each temperature-0 case.
        let wholeAnswers = try configuration.platforms.filter(\.stream).map { platform in
            var whole = platform
            whole.stream = false
            return StreamConsistencyScorer.WholeAnswers(
                configuration: platform, backend: try BackendFactory.makeBackend(for: whole, apiKey: keys[platform.name], transport: transport))
        }
        let redactor = ProcessSecrets.redactor(for: configuration, environment: ProcessInfo.processInfo.environment).adding(printedTokens)
        return (targets, wholeAnswers, redactor)
    }

    /// The configuration with the embedded fleet's addresses, restricted to the platforms asked for.
    private func configuration(fleet: RunningFleet?) -> EvalConfiguration {
        var configuration = source.resolved(fleet: fleet)
        if !platformNames.isEmpty {
            configuration.platforms = configuration.platforms.filter { platformNames.contains($0.name) || $0.name == configuration.reference }
        }
        return configuration
    }

    /// One shard of a sharded run: joins (or creates) the run, sends the shard's requests not yet
    /// stored, and records the shard's end; the shard that completes the run writes its tallies.
    private func shardedSweep(
        shard: Shard, key: String, store: ResultStore, fleet: RunningFleet?, transport: HTTPTransport, logger: Logger
    ) async throws -> Outcome {
        let configuration = configuration(fleet: fleet)
        let (targets, wholeAnswers, redactor) = try targets(configuration, transport: transport)
        let now = Date().timeIntervalSince1970
        let platforms = configuration.platforms.map(\.name)
        let whole = SweepPlan(suites: suites, platforms: platforms, routingKeys: [], seedSalt: seedSalt)
        let started = ContinuousClock.now
        let join = try await store.joinShardedRun(
            key: key, shard: shard, planFingerprint: whole.fingerprint, configuration: configuration,
            suites: suites, provenance: .current(), startedAt: now)
        let (recorder, runStartedAt, stored): (RunRecorder, Double, Set<SampleKey>)
        switch join {
        case .joined(let joined, let startedAt, let keys):
            (recorder, runStartedAt, stored) = (joined, startedAt, keys)
        case .alreadyComplete(let runID):
            logger.notice("Run already complete", metadata: ["run.id": "\(runID)", "run.key": "\(key)"])
            let finish = ResultStore.ShardFinish(completeShards: shard.count, shards: shard.count, completedRun: false)
            return Outcome(
                runID: runID, elapsed: 0, store: store, configuration: configuration, shardFinish: finish, runKey: key, alreadyComplete: true)
        }
        // Every shard plans with the run's start, whichever shard began it: the same routing keys.
        let plan = SweepPlan(
            suites: suites, platforms: platforms, routingKeys: configuration.routingKeys(forSweepAt: runStartedAt), seedSalt: seedSalt
        ).restricted(to: shard, skipping: stored)
        let replayNote: String?
        do {
            replayNote = try await sweep(
                recorder: recorder, plan: plan, configuration: configuration, store: store, targets: targets, wholeAnswers: wholeAnswers,
                redactor: redactor, transport: transport, logger: logger)
        } catch {
            let ending: RunEnding = error is CancellationError ? .incomplete : .failed
            _ = try? await store.finishShard(runID: recorder.runID, shard: shard, ending: ending, endedAt: Date().timeIntervalSince1970)
            throw error
        }
        let finish = try await store.finishShard(runID: recorder.runID, shard: shard, ending: .complete, endedAt: Date().timeIntervalSince1970)
        return Outcome(
            runID: recorder.runID, elapsed: (ContinuousClock.now - started).seconds, store: store, configuration: configuration,
            replayNote: replayNote, shardFinish: finish, runKey: key, sent: plan.count)
    }

    private func sweep(store: ResultStore, storePath: String, fleet: RunningFleet?, transport: HTTPTransport, logger: Logger) async throws -> Outcome
    {
        let configuration = configuration(fleet: fleet)
        let (targets, wholeAnswers, redactor) = try targets(configuration, transport: transport)
        let startedAt = Date().timeIntervalSince1970
        let plan = SweepPlan(
            suites: suites, platforms: configuration.platforms.map(\.name), routingKeys: configuration.routingKeys(forSweepAt: startedAt),
            seedSalt: seedSalt
        )
        let lifecycle = RunLifecycle<RunRecorder>(
            begin: { [suites, configuration] in
                try await store.beginRun(configuration: configuration, suites: suites, provenance: .current(), startedAt: startedAt)
            },
            finish: { recorder, ending in
                try await store.finishRun(recorder.runID, status: RunRecord.Status(ending), endedAt: Date().timeIntervalSince1970)
            }
        )
        let started = ContinuousClock.now
        let (recorder, replayNote) = try await lifecycle.execute(
            { recorder in
                try await sweep(
                    recorder: recorder, plan: plan, configuration: configuration, store: store, targets: targets, wholeAnswers: wholeAnswers,
                    redactor: redactor, transport: transport, logger: logger)
            },
            explainingFailure: { recorder, ending, marked, error in
                guard let storeError = StoreError.classifying(error, path: storePath), storeError.isFull else { return error }
                let kept = (try? store.runs(limit: 5))?.first { $0.id == recorder.runID }.map { "\($0.samples)" } ?? "its"
                return storeError.keeping(
                    "run \(recorder.runID) keeps \(kept) samples, those committed before the disk filled, and \(marked ? "is marked \(ending.rawValue)" : "counts as incomplete")"
                )
            })
        return Outcome(
            runID: recorder.runID, elapsed: (ContinuousClock.now - started).seconds, store: store, configuration: configuration,
            replayNote: replayNote, sent: plan.count
        )
    }

    /// One begun run: its notes, the drift replay's set-up, then every request; returns the replay's note.
    private func sweep(
        recorder: RunRecorder, plan: SweepPlan, configuration: EvalConfiguration, store: ResultStore, targets: [Sweeper.Target],
        wholeAnswers: [StreamConsistencyScorer.WholeAnswers], redactor: SecretRedactor, transport: HTTPTransport, logger: Logger
    ) async throws -> String? {
        logger.info("Sweep started", metadata: ["run.id": "\(recorder.runID)", "requests": "\(plan.count)"])
        let provenance = ScoringProvenance.current(textScorers: textScorers, calibrationPath: thresholds == nil ? nil : calibrationPath ?? "built-in")
        try await store.setNote(runID: recorder.runID, topic: "provenance", note: provenance.json())
        var requestScorers: [any RequestScorer] = []
        var replayNote: String?
        if let thresholds {
            let referenceIsEmbedded = source.configuration.referencePlatform?.baseURL == "embedded"
            let prepared = await DriftSetup.prepare(
                configuration: configuration, plan: plan, thresholds: thresholds, referenceIsEmbedded: referenceIsEmbedded, transport: transport,
                logger: logger
            )
            requestScorers.append(prepared.scorer)
            // The probe's note quotes the reference's errors, which may quote a key back.
            let note = redactor.redact(prepared.replayNote)
            replayNote = note
            try await store.setNote(runID: recorder.runID, topic: "drift-replay", note: note)
        }
        if !wholeAnswers.isEmpty { requestScorers.append(StreamConsistencyScorer(platforms: wholeAnswers, logger: logger)) }
        let sweeper = Sweeper(
            targets: targets, scorers: textScorers ? ScorerRegistry.sweepScorers() : [], requestScorers: requestScorers, recorder: recorder,
            redactor: redactor, logger: logger
        )
        _ = try await InterruptibleTask.run { try await sweeper.run(plan) }
        return replayNote
    }
}
