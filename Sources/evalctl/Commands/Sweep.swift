import ArgumentParser
import EvalCore
import EvalStore
import Foundation
import Logging

extension EvalCtl {
    /// `evalctl sweep`: every suite × platform × case × sample, stored as it completes.
    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every suite against every platform and store the results.",
            discussion: """
                Without --config and without ./evalctl.yaml, sweeps the embedded simulated fleet. Each sample is \
                replayed against the reference platform (drift scores) unless --no-drift; thresholds come from \
                --calibration, else drift-calibration.json next to the store, else the defaults.
                """
        )

        @OptionGroup var options: CommonOptions
        @Option(name: .customLong("suite"), help: "Run only this suite id (repeatable).") var suiteIDs: [String] = []
        @Option(name: .customLong("platform"), help: "Run only this platform, and the reference (repeatable).") var platformNames: [String] = []
        @Flag(help: "Print no summary table.") var quiet = false
        @Option(help: "Scenario of the embedded fleet: standard, faulty, or a scenario file.") var scenario: String?
        @Option(help: "Mix this number into every seed: another draw of the same requests (0: the suites' own seeds).") var seed: UInt64 = 0
        @Flag(help: "Do not replay samples against the reference.") var noDrift = false
        @Option(help: "Drift thresholds file (written by `evalctl calibrate`).") var calibration: String?
        @Flag(help: "Run regression detection after the sweep and deliver opened or resolved alerts to the configured sinks.") var alert = false
        @Option(
            help: ArgumentHelp(
                "Run shard I of N of a sharded run (from 0, as JOB_COMPLETION_INDEX; else read from JOB_COMPLETION_INDEX and EVALCTL_SHARD_COUNT).",
                valueName: "I/N")) var shard: String?
        @Option(help: "The sharded run's key (default: the configuration's hash, the seed and the UTC hour).") var runKey: String?

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
            let thresholds = noDrift ? nil : try DriftSetup.thresholds(explicitPath: calibration, store: source.configuration.store)
            let suites = try SweepSession.suites(of: source, only: suiteIDs)
            var session = SweepSession(source: source, suites: suites, platformNames: platformNames, seedSalt: seed, thresholds: thresholds)
            session.calibrationPath = calibration ?? DriftSetup.defaultCalibrationPath(store: source.configuration.store)
            session.shard = try shard.map { try Shard(parsing: $0) } ?? Shard.fromEnvironment(ProcessInfo.processInfo.environment)
            if runKey != nil && session.shard == nil { throw ValidationError("--run-key names a sharded run: give --shard I/N too") }
            session.runKey = runKey
            let outcome = try await session.run(logger: logger)
            if let finish = outcome.shardFinish, let shard = session.shard {
                // One line per shard, on stderr: a Job's logs say which shard completed the run.
                let state =
                    outcome.alreadyComplete
                    ? "the run was already complete; nothing to send"
                    : finish.completedRun
                        ? "all \(finish.shards) shards done: run \(outcome.runID) complete" + (alert ? ", detection runs here" : "")
                        : "\(finish.completeShards) of \(finish.shards) shards done"
                printNote("shard \(shard) of run '\(outcome.runKey ?? "")' (run \(outcome.runID)): \(outcome.sent) samples sent; \(state)")
            }
            let report = try outcome.store.report(runID: outcome.runID)
            if !quiet {
                print(SummaryTable.render(report, suites: suites.count, elapsed: outcome.elapsed, store: source.configuration.store))
                if let thresholds {
                    let assessment = try DriftReport.assess(
                        store: outcome.store, runID: outcome.runID, reference: outcome.configuration.reference, thresholds: thresholds
                    )
                    print("")
                    if let note = outcome.replayNote { print("drift replay: \(note)") }
                    print(DriftReport.table(assessment, thresholds: thresholds))
                }
            }
            var sinkFailures: [AlertDelivery.SinkFailure] = []
            // A sharded run is judged once, by the shard that completed it.
            if alert && (outcome.shardFinish?.completedRun ?? true) {
                let detection = try await AlertDetection.run(
                    store: outcome.store, storePath: source.configuration.store, configuration: source.configuration)
                sinkFailures = await AlertDelivery.deliver(detection.changed, sinks: source.configuration.alertSinks, store: outcome.store)
                if !quiet {
                    let open = try outcome.store.alerts(status: .open).count
                    print(
                        "\nalerts: \(detection.changed.filter { $0.status == .open }.count) opened, \(detection.changed.filter { $0.status == .resolved }.count) resolved, \(open) open (CUSUM threshold \(String(format: "%.1f", detection.threshold)))"
                    )
                }
            }
            for failure in sinkFailures { printError("\(failure)") }
            let silent = report.lines.filter { $0.samples > 0 && $0.completed == 0 }.map(\.platform)
            if !silent.isEmpty {
                FileHandle.standardError.write(
                    Data("evalctl: infrastructure failure: no answer from \(silent.joined(separator: ", ")) (run \(outcome.runID) stored)\n".utf8))
                throw ExitStatus.infrastructure.code
            }
            if !sinkFailures.isEmpty { throw ExitStatus.infrastructure.code }
        }
    }
}
