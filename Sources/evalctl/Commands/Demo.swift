import ArgumentParser
import EvalConfig
import EvalCore
import EvalFleet
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl demo`: the postmortem replayed, and the detection it gets.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay the Aug–Sep 2025 postmortem: hourly sweeps over simulated days, each bug on its own platform.",
            discussion: """
                The embedded fleet runs on a simulated clock: a reference, a healthy control (gpu-a100), context \
                misrouting on gpu-h100 (0.8% of routing keys from day 4, sticky, 16% on day 27), token corruption \
                on tpu-v5e (from day 12) and approximate top-k on trainium (from day 20), each at 0.8% of requests. \
                Every sweep is scored, replayed against the reference and stored; detection runs after each one. \
                Prints when each bug was first alerted on and where, and the false alarms per platform; writes the \
                HTML report. Exits 0 when every bug is alerted within --within sweeps (2) of its onset and no platform \
                has a false alarm, 1 otherwise. At a tenth of the rate: `--rate 0.001 --samples 32 --within 24`. The store is the demo's own and is replaced on every run.
                """
        )

        @Option(help: "The demo's store (replaced).") var store = "results/demo.sqlite"
        @Option(help: "The HTML report to write.") var out = "results/demo-report.html"
        @Option(help: "Simulated days of hourly sweeps.") var days = 30
        @Option(help: "Share of requests (of routing keys, for misrouting) each bug affects from its onset.") var rate = 0.008
        @Option(help: "Samples per case per platform in each sweep (default: the size `evalctl plan` gives for the rate).")
        var samples: Int?
        @Option(name: .customLong("suite"), help: "Suites to sweep, by id (repeatable; default: english-prose).") var suiteIDs: [String] = []
        @Option(help: "Suite files to read.") var suites: [String] = ["Evals/*.yaml"]
        @Option(help: "Cap on answer tokens (the suites' own caps when larger are lowered to it; 0: the suites' own).")
        var maxTokens = 64
        @Option(help: "Seed of the replay's draws.") var seed: UInt64 = 1
        @Option(help: "A bug counts as caught on time when alerted within this many sweeps of its onset.") var within = 2
        @Flag(help: "Score drift only (no language-mix or code-syntax).") var driftOnly = false
        @Option(help: "Drift thresholds file (default: the built-in calibration).") var calibration: String?

        func validate() throws {
            guard (1...120).contains(days) else { throw ValidationError("'--days' must be in 1...120, got \(days).") }
            guard rate > 0, rate <= 1 else { throw ValidationError("'--rate' must be in (0, 1], got \(rate).") }
            if let samples, samples < 1 { throw ValidationError("'--samples' must be at least 1, got \(samples).") }
            guard within >= 1 else { throw ValidationError("'--within' must be at least 1, got \(within).") }
            guard maxTokens >= 0 else { throw ValidationError("'--max-tokens' must be 0 or more, got \(maxTokens).") }
        }

        func run() async throws {
            do {
                try await replay()
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }

        private func replay() async throws {
            let logger = CommonOptions.makeLogger(level: nil)
            let timeline = PostmortemTimeline.standard(days: days, rate: rate)
            let thresholds = try calibration.map { try CalibrationFile.load(path: $0) } ?? DriftThresholds()
            var suites = try SuiteCatalog.load(patterns: self.suites, configFile: "(demo)")
            let wanted = suiteIDs.isEmpty ? ["english-prose"] : suiteIDs
            for id in wanted where !suites.contains(where: { $0.id == id }) {
                throw ValidationError("no suite has id '\(id)' (known: \(suites.map(\.id).joined(separator: ", ")))")
            }
            suites = suites.filter { wanted.contains($0.id) }
            let perCase =
                samples
                ?? Self.defaultSamples(rate: rate, cases: suites.reduce(0) { $0 + $1.cases.count }, platforms: timeline.scenario.platforms.count)
            suites = suites.map { $0.withSamples(perCase, maxTokens: maxTokens > 0 ? maxTokens : nil) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            let folder = (store as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

            let perPlatform = suites.reduce(0) { $0 + $1.requests }
            print(
                "replaying \(days) days of hourly sweeps (\(timeline.sweeps) sweeps) · \(timeline.scenario.platforms.count) platforms × \(perPlatform) samples per sweep (\(perCase) per case) · store \(store)"
            )
            let runner = DemoRunner(
                timeline: timeline, suites: suites, storePath: store, seed: seed,
                scorers: driftOnly ? [] : ScorerRegistry.sweepScorers(), thresholds: thresholds, policy: AlertPolicy(),
                progress: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            )
            let outcome = try await InterruptibleTask.run { try await runner.run(logger: logger) }
            let scorecard = try DemoScorecard.build(
                timeline: timeline, store: outcome.store, firstRunID: outcome.firstRunID, sweepsAllowed: within)
            print(
                "\(timeline.sweeps) sweeps, \(outcome.samplesPerSweep * timeline.sweeps) samples in \(String(format: "%.0f", outcome.elapsed)) s\n"
            )
            print(scorecard.render())
            let report = try HTMLReport.build(
                store: outcome.store, storePath: store, policy: outcome.configuration.decisionPolicy, lastRuns: timeline.sweeps, since: nil
            )
            try TextFile.write(report.render(), to: out)
            print("\nwrote \(out)")
            if !scorecard.claimHolds { throw ExitStatus.regression.code }
        }

        /// Samples per case for 98% power per bug within 2 sweeps (about 94% that all three are on
        /// time), 90% of affected answers failing, against a healthy history's null rate of 0.01%
        /// (the floor of the drift null rates; after days of clean sweeps the platform's own history
        /// bounds its rate below that), with the detectors of 5 platforms on one suite:
        /// `evalctl plan --rate R --power 0.98 --sensitivity 0.9 --null-rate 0.0001 --detectors 63`.
        static func defaultSamples(rate: Double, cases: Int, platforms: Int) -> Int {
            let detectors = DetectorTopology.detectorCount(platforms: platforms, suites: 1)
            let planner = DetectionPlanner(nullRate: 0.0001, policy: AlertPolicy(), detectors: detectors)
            let needed = planner.samplesNeeded(failureRate: planner.failureRate(affected: rate, sensitivity: 0.9), power: 0.98, sweeps: 2) ?? 2_000
            return max(1, (needed + cases - 1) / max(1, cases))
        }
    }
}
