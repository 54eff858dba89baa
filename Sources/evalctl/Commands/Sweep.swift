import ArgumentParser
import EvalBackends
import EvalConfig
import EvalCore
import EvalFleet
import EvalStore
import Foundation
import Logging

extension EvalCtl {
    /// `evalctl sweep`: every suite × platform × case × sample, stored as it completes.
    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every suite against every platform and store the results.",
            discussion: "Without --config and without ./evalctl.yaml, sweeps the embedded simulated fleet."
        )

        @OptionGroup var options: CommonOptions
        @Option(name: .customLong("suite"), help: "Run only this suite id (repeatable).") var suiteIDs: [String] = []
        @Option(name: .customLong("platform"), help: "Run only this platform (repeatable).") var platformNames: [String] = []
        @Flag(help: "Print no summary table.") var quiet = false
        @Option(help: "Scenario of the embedded fleet: standard, faulty, or a scenario file.") var scenario: String?

        func run() async throws {
            let logger = options.makeLogger()
            do {
                try await sweep(logger: logger)
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }

        private func sweep(logger: Logger) async throws {
            var source = try ConfigurationSource.load(path: options.config, store: options.store)
            if let scenario { source.configuration.fleetScenario = scenario }
            var suites = try SuiteCatalog.load(patterns: source.configuration.suites, configFile: source.file ?? "(embedded default)")
            if !suiteIDs.isEmpty {
                for id in suiteIDs where !suites.contains(where: { $0.id == id }) {
                    throw ValidationError("no suite has id '\(id)' (known: \(suites.map(\.id).joined(separator: ", ")))")
                }
                suites = suites.filter { suiteIDs.contains($0.id) }
            }
            for name in platformNames where !source.configuration.platforms.contains(where: { $0.name == name }) {
                throw ValidationError("no platform is named '\(name)' (known: \(source.configuration.platforms.map(\.name).joined(separator: ", ")))")
            }
            let storePath = source.configuration.store
            try FileManager.default.createDirectory(
                atPath: (storePath as NSString).deletingLastPathComponent.isEmpty ? "." : (storePath as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
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
                configuration.platforms = configuration.platforms.filter { platformNames.contains($0.name) }
            }
            let targets = try configuration.platforms.map { platform in
                let key = platform.apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }.map(APIKey.init)
                return Sweeper.Target(configuration: platform, backend: try BackendFactory.makeBackend(for: platform, apiKey: key, transport: transport))
            }
            let plan = SweepPlan(suites: suites, platforms: configuration.platforms.map(\.name), routingKeys: configuration.routingKeys)
            let recorder = try await store.beginRun(
                configuration: configuration, suites: suites, provenance: .current(), startedAt: Date().timeIntervalSince1970
            )
            logger.info("Sweep started", metadata: ["run.id": "\(recorder.runID)", "requests": "\(plan.count)"])
            let sweeper = Sweeper(targets: targets, scorers: ScorerRegistry.sweepScorers(), recorder: recorder, logger: logger)
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
            let report = try store.report(runID: recorder.runID)
            if !quiet {
                print(SummaryTable.render(report, suites: suites.count, elapsed: (ContinuousClock.now - started).seconds, store: storePath))
            }
            let silent = report.lines.filter { $0.samples > 0 && $0.completed == 0 }.map(\.platform)
            if !silent.isEmpty {
                FileHandle.standardError.write(Data("evalctl: infrastructure failure: no answer from \(silent.joined(separator: ", ")) (run \(recorder.runID) stored)\n".utf8))
                throw ExitStatus.infrastructure.code
            }
        }
    }
}
