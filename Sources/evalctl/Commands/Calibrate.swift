import ArgumentParser
import EvalConfig
import EvalCore
import EvalStore
import Foundation
import Logging

extension EvalCtl {
    /// `evalctl calibrate`: the drift noise floor of a healthy fleet, from repeated sweeps.
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the drift noise floor of healthy platforms and write the thresholds drift scoring uses.",
            discussion: """
                Runs --sweeps seeded sweeps (or reads --runs), treats every platform (or those given with --platform) as \
                healthy, and sets each drift metric's null rate to the 99.9% upper confidence bound of its healthy failure \
                rate, pooling reference-vs-reference and healthy-vs-reference samples. The log-probability gap threshold \
                is set from half of the runs and its null rate measured on the other half. Rerun it on your own fleet \
                whenever hardware, kernels or the serving stack change.
                """
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "Seeded sweeps to run.") var sweeps = 8
        @Option(help: "Calibrate from these stored runs instead of sweeping (comma-separated ids).") var runs: String?
        @Option(name: .customLong("platform"), help: "A platform known to be healthy (repeatable; default: all).") var healthy: [String] = []
        @Option(name: .customLong("suite"), help: "Sweep only this suite id (repeatable).") var suiteIDs: [String] = []
        @Option(help: "Where to write the thresholds (default: drift-calibration.json next to the store).") var out: String?
        @Option(help: "Scenario of the embedded fleet.") var scenario: String?
        @Option(help: "Sweep i (from 1) mixes seed-base + i into every seed; change it to draw fresh seeds.") var seedBase: UInt64 = 0

        func validate() throws {
            guard sweeps >= 2 else { throw ValidationError("'--sweeps' must be at least 2 (half set thresholds, half measure them), got \(sweeps).") }
        }

        func run() async throws {
            let logger = options.makeLogger()
            do {
                try await calibrate(logger: logger)
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }

        private func calibrate(logger: Logger) async throws {
            var source = try ConfigurationSource.load(path: options.config, store: options.store)
            if let scenario { source.configuration.fleetScenario = scenario }
            let storePath = source.configuration.store
            var runIDs: [Int64] = []
            if let runs {
                for part in runs.split(separator: ",") {
                    guard let id = Int64(part.trimmingCharacters(in: .whitespaces)) else {
                        throw ValidationError("'--runs': '\(part)' is not a run id")
                    }
                    runIDs.append(id)
                }
            } else {
                let suites = try SweepSession.suites(of: source, only: suiteIDs)
                for index in 1...sweeps {
                    let session = SweepSession(
                        source: source, suites: suites, platformNames: [], seedSalt: seedBase + UInt64(index), textScorers: false,
                        thresholds: DriftThresholds()
                    )
                    let outcome = try await session.run(logger: logger)
                    FileHandle.standardError.write(
                        Data(
                            "evalctl: calibration sweep \(index)/\(sweeps): run \(outcome.runID) in \(String(format: "%.1f", outcome.elapsed)) s\n"
                                .utf8))
                    runIDs.append(outcome.runID)
                }
            }
            let store = try StoreTarget(source.configuration).open()
            let result = try DriftCalibrator.calibrate(store: store, runIDs: runIDs, platforms: healthy)
            let path = out ?? DriftSetup.defaultCalibrationPath(store: storePath)
            try CalibrationFile.save(result.thresholds, to: path)
            print(result.summary)
            print("\nwrote \(path)")
        }
    }
}
