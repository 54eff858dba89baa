import ArgumentParser
import EvalCore
import EvalEngine
import EvalStore
import Foundation

extension EvalCtl.Engine {
    /// `evalctl engine soak`: repeated seeded sweeps against the real engine, judged after each one
    /// as production would judge them (drift, gate, alerts): false alarms on the healthy platforms,
    /// detection delay on the faulty ones.
    struct Soak: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Run seeded sweeps against the engine's platforms and judge each (drift, gate, alerts): false alarms on healthy platforms, sweeps to detection on faulty ones.",
            discussion: """
                Serves every quantization (F16 the reference) and the reference's twin, plus any --fault proxies. The twin, \
                Q8_0 and Q4_1 are healthy (same weights, other kernels); Q4_0 and the fault proxies are faulty. After each \
                sweep: `evalctl drift`'s verdict, `evalctl gate` of each platform against the reference, and a regression \
                detection pass (alerts). Its store is its own and is replaced; drift thresholds come from --calibration, else \
                the drift-calibration.json next to the store (`evalctl engine calibrate` writes it there), which it requires. \
                Exit 0 when no healthy platform was flagged and every faulty one was flagged within --within sweeps, 1 otherwise.
                """
        )

        @OptionGroup var engine: EvalCtl.Engine.EngineOptions
        @Option(help: "Seeded sweeps to run.") var sweeps = 20
        @Option(help: "Sweep i (from 1) mixes seed-base + i into every seed (keep it apart from the calibration's seeds).") var seedBase: UInt64 =
            5000
        @Option(name: .customLong("healthy"), help: "A platform known to be healthy (repeatable; default: the twin, q8_0, q4_1).")
        var healthy: [String] = []
        @Option(help: "A faulty platform must be flagged within this many sweeps.") var within = 2
        @Option(help: "Drift thresholds file (default: drift-calibration.json next to the soak's store).") var calibration: String?
        @Option(help: "The soak's own store (replaced).") var soakStore = "results/engine/soak.sqlite"
        @Option(help: "Write the scorecard as JSON here.") var json: String?
        @Option(help: "Log level on standard error.") var logLevel: String?
        @Flag(
            help:
                "Judge the sweeps already in --soak-store again, serving and sweeping nothing: drift and gate with --calibration (after a calibration or rule change); alerts as stored."
        )
        var rejudge = false

        func validate() throws {
            guard sweeps >= 1 else { throw ValidationError("'--sweeps' must be at least 1, got \(sweeps).") }
            guard within >= 1 else { throw ValidationError("'--within' must be at least 1, got \(within).") }
        }

        func run() async throws {
            do {
                try await soak()
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }

        private func soak() async throws {
            var options = engine
            options.twin = true
            options.store = soakStore
            let calibrationPath = calibration ?? DriftSetup.defaultCalibrationPath(store: soakStore)
            guard FileManager.default.fileExists(atPath: calibrationPath) else {
                throw ValidationError(
                    "no drift calibration at \(calibrationPath): run `evalctl engine calibrate --store \(soakStore)` first (or pass --calibration)")
            }
            let thresholds = try DriftSetup.thresholds(explicitPath: calibrationPath, store: soakStore)
            if rejudge { return try rejudgeStored(thresholds: thresholds, configPath: options.configOut) }
            func list(_ names: [String], default empty: String) -> String { names.isEmpty ? empty : names.joined(separator: ", ") }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: soakStore + suffix) }

            let cluster = try await EngineCluster.start(options)
            defer { cluster.stop() }
            let reference = cluster.servers[0].name
            let healthyNames = healthy.isEmpty ? ["\(reference)-twin", "q8_0", "q4_1"] : healthy
            let platforms = cluster.platforms.map(\.name).filter { $0 != reference }
            for name in healthyNames where !platforms.contains(name) {
                throw ValidationError("'--healthy': no platform is named '\(name)' (served: \(platforms.joined(separator: ", ")))")
            }
            var scorecard = SoakScorecard(platforms: platforms.map { ($0, healthyNames.contains($0) ? .healthy : .faulty) }, within: within)
            FileHandle.standardOutput.write(
                Data(
                    ("soak: \(sweeps) seeded sweeps (seeds \(seedBase + 1)…\(seedBase + UInt64(sweeps))) · reference \(reference) · healthy \(healthyNames.joined(separator: ", ")) · faulty \(list(platforms.filter { !healthyNames.contains($0) }, default: "none")) · thresholds \(thresholds.source)\n")
                        .utf8))

            let logger = CommonOptions.makeLogger(level: logLevel)
            let source = try ConfigurationSource.load(path: options.configOut, store: nil)
            let suites = try SweepSession.suites(of: source, only: [])
            let policy = try EvalCtl.Gate.policy(source.configuration, storePath: soakStore)
            for index in 1...sweeps {
                let session = SweepSession(
                    source: source, suites: suites, platformNames: [], seedSalt: seedBase + UInt64(index), thresholds: thresholds)
                let outcome = try await InterruptibleTask.run { try await session.run(logger: logger) }
                let (drift, gate) = try Self.judge(
                    store: outcome.store, runID: outcome.runID, reference: reference, platforms: platforms, thresholds: thresholds, policy: policy)
                let detection = try await AlertDetection.run(store: outcome.store, storePath: soakStore, configuration: outcome.configuration)
                var alerts: [String: String] = [:]
                for alert in detection.changed where alert.status == .open {
                    alerts[alert.platform, default: ""] += (alerts[alert.platform] == nil ? "" : ", ") + "\(alert.suite)/\(alert.metric)"
                }
                scorecard.record(sweep: index, drift: drift, gate: gate, alerts: alerts)
                let flagged = platforms.filter { drift[$0] != nil || gate[$0] != nil || alerts[$0] != nil }
                let line =
                    "sweep \(index)/\(sweeps): run \(outcome.runID), \(String(format: "%.0f", outcome.elapsed)) s · flagged: \(flagged.isEmpty ? "none" : flagged.joined(separator: ", "))"
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            print("")
            print(scorecard.render())
            for (name, proxy) in cluster.proxies {
                let counts = proxy.counts
                print("  \(name): \(proxy.fault.kind.rawValue) injected into \(counts.affected) of \(counts.chatRequests) chat requests")
            }
            if let json {
                try TextFile.write(scorecard.json(seeds: (1...sweeps).map { seedBase + UInt64($0) }) + "\n", to: json)
                print("\nwrote \(json)")
            }
            if !scorecard.holds { throw ExitStatus.regression.code }
        }

        /// One sweep judged as production would: `evalctl drift`'s verdicts and `evalctl gate` of
        /// each platform against the reference (flagged platforms only, with what flagged them).
        static func judge(
            store: ResultStore, runID: Int64, reference: String, platforms: [String], thresholds: DriftThresholds, policy: DecisionPolicy
        ) throws -> (drift: [String: String], gate: [String: String]) {
            let assessment = try DriftReport.assess(store: store, runID: runID, reference: reference, thresholds: thresholds)
            var drift: [String: String] = [:]
            for verdict in assessment.verdicts where verdict.flagged {
                let unit = verdict.unit == .token ? ", per token" : ""
                drift[verdict.platform] = "\(verdict.metric?.rawValue ?? "?") (p \(DriftReport.pValue(verdict.pValue))\(unit))"
            }
            var gate: [String: String] = [:]
            for platform in platforms {
                let evaluation = GateEvaluation(
                    candidate: platform, baseline: reference, cases: try store.caseTallies(runID: runID, platforms: [platform, reference]),
                    policy: policy, history: try store.history(platform: reference, beforeRun: runID, runs: EvalCtl.Gate.historyRuns)
                )
                let failing = evaluation.rows.filter(\.regression).map { "\($0.suite)/\($0.metric)" }
                if evaluation.verdict == .regression { gate[platform] = failing.joined(separator: ", ") }
            }
            return (drift, gate)
        }

        /// The stored sweeps of an earlier soak, judged again: drift and gate with today's rules and
        /// thresholds, alerts as that soak's detection passes opened them.
        private func rejudgeStored(thresholds: DriftThresholds, configPath: String) throws {
            guard FileManager.default.fileExists(atPath: soakStore) else {
                throw ValidationError("'--rejudge': \(soakStore) does not exist (run the soak first, or pass --soak-store)")
            }
            let store = try ResultStore(path: soakStore, access: .readOnly)
            guard let reference = try store.referencePlatform() else { throw ValidationError("\(soakStore) names no reference platform") }
            let platforms = try store.platformNames().filter { $0 != reference }
            let healthyNames = healthy.isEmpty ? ["\(reference)-twin", "q8_0", "q4_1"].filter(platforms.contains) : healthy
            for name in healthyNames where !platforms.contains(name) {
                throw ValidationError("'--healthy': \(soakStore) has no platform named '\(name)' (stored: \(platforms.joined(separator: ", ")))")
            }
            let runs = try store.runs(limit: 100_000).filter { $0.status == .complete }.map(\.id).sorted()
            guard !runs.isEmpty else { throw ValidationError("'--rejudge': \(soakStore) holds no complete sweep") }
            let source = try ConfigurationSource.load(path: configPath, store: nil)
            let policy = EvalCtl.Gate.policy(source.configuration, thresholds: thresholds)
            let stored = try store.alerts()
            var scorecard = SoakScorecard(platforms: platforms.map { ($0, healthyNames.contains($0) ? .healthy : .faulty) }, within: within)
            print("rejudging \(runs.count) stored sweeps of \(soakStore) · reference \(reference) · thresholds \(thresholds.source)")
            for (index, runID) in runs.enumerated() {
                let (drift, gate) = try Self.judge(
                    store: store, runID: runID, reference: reference, platforms: platforms, thresholds: thresholds, policy: policy)
                var alerts: [String: String] = [:]
                for alert in stored where alert.openedRunID == runID {
                    alerts[alert.platform, default: ""] += (alerts[alert.platform] == nil ? "" : ", ") + "\(alert.suite)/\(alert.metric)"
                }
                scorecard.record(sweep: index + 1, drift: drift, gate: gate, alerts: alerts)
                let flagged = platforms.filter { drift[$0] != nil || gate[$0] != nil || alerts[$0] != nil }
                print("sweep \(index + 1)/\(runs.count): run \(runID) · flagged: \(flagged.isEmpty ? "none" : flagged.joined(separator: ", "))")
            }
            print("")
            print(scorecard.render())
            if let json {
                try TextFile.write(scorecard.json(seeds: runs.indices.map { seedBase + UInt64($0 + 1) }) + "\n", to: json)
                print("\nwrote \(json)")
            }
            if !scorecard.holds { throw ExitStatus.regression.code }
        }
    }
}
