import ArgumentParser
import EvalBackends
import EvalConfig
import EvalCore
import EvalFleet
import EvalStore
import Foundation
import Logging

/// One sweep: the store locked, the embedded fleet started when configured, every request sent
/// and scored, the run finished. Shared by `sweep` and `calibrate`.
struct SweepSession {
    var source: ConfigurationSource
    var suites: [Suite]
    var platformNames: [String]
    var seedSalt: UInt64 = 0
    /// Apply language-mix and code-syntax (calibration needs only drift).
    var textScorers = true
    /// Replay against the reference (`nil`: no drift scoring).
    var thresholds: DriftThresholds?

    /// What a finished sweep left.
    struct Outcome {
        var runID: Int64
        var elapsed: Double
        var store: ResultStore
        var configuration: EvalConfiguration
        /// What the drift replay probe found (`nil` without drift scoring).
        var replayNote: String?
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
        let storePath = source.configuration.store
        let folder = (storePath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let lock = try StoreLock(storePath: storePath)
        let store = try ResultStore(path: storePath)
        // The embedded fleet logs only when asked to debug: its shutdown is not the user's concern.
        var fleetLogger = logger
        if logger.logLevel > .debug { fleetLogger.logLevel = .critical }
        let fleet = source.usesEmbeddedFleet
            ? try await FleetServer(scenario: ScenarioLoader.load(source.configuration.fleetScenario), logger: fleetLogger).start() : nil
        let transport = HTTPTransport()
        var configuration = source.resolved(fleet: fleet)
        if !platformNames.isEmpty {
            configuration.platforms = configuration.platforms.filter { platformNames.contains($0.name) || $0.name == configuration.reference }
        }
        let targets = try configuration.platforms.map { platform in
            let key = platform.apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }.map(APIKey.init)
            return Sweeper.Target(configuration: platform, backend: try BackendFactory.makeBackend(for: platform, apiKey: key, transport: transport))
        }
        let startedAt = Date().timeIntervalSince1970
        let plan = SweepPlan(
            suites: suites, platforms: configuration.platforms.map(\.name), routingKeys: configuration.routingKeys(forSweepAt: startedAt),
            seedSalt: seedSalt
        )
        let recorder = try await store.beginRun(configuration: configuration, suites: suites, provenance: .current(), startedAt: startedAt)
        logger.info("Sweep started", metadata: ["run.id": "\(recorder.runID)", "requests": "\(plan.count)"])
        var requestScorers: [any RequestScorer] = []
        var replayNote: String?
        if let thresholds {
            let referenceIsEmbedded = source.configuration.referencePlatform?.baseURL == "embedded"
            let prepared = await DriftSetup.prepare(
                configuration: configuration, plan: plan, thresholds: thresholds, referenceIsEmbedded: referenceIsEmbedded, transport: transport,
                logger: logger
            )
            requestScorers.append(prepared.scorer)
            replayNote = prepared.replayNote
            try await store.setNote(runID: recorder.runID, topic: "drift-replay", note: prepared.replayNote)
        }
        let sweeper = Sweeper(
            targets: targets, scorers: textScorers ? ScorerRegistry.sweepScorers() : [], requestScorers: requestScorers, recorder: recorder,
            logger: logger
        )
        let started = ContinuousClock.now
        do {
            _ = try await InterruptibleTask.run { try await sweeper.run(plan) }
        } catch {
            try? await store.finishRun(recorder.runID, status: error is CancellationError ? .incomplete : .failed, endedAt: Date().timeIntervalSince1970)
            try? await transport.shutdown()
            await fleet?.stop()
            throw error
        }
        try await store.finishRun(recorder.runID, status: .complete, endedAt: Date().timeIntervalSince1970)
        try? await transport.shutdown()
        await fleet?.stop()
        withExtendedLifetime(lock) {}
        return Outcome(
            runID: recorder.runID, elapsed: (ContinuousClock.now - started).seconds, store: store, configuration: configuration, replayNote: replayNote
        )
    }
}
