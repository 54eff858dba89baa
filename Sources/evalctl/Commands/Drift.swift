import ArgumentParser
import EvalCore
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl drift`: which platforms drifted from the reference in a stored run.
    struct Drift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Test each platform of a stored run for drift against the reference.",
            discussion: "Per platform × suite × metric: failures, rate with its 95% interval, the calibrated null rate and a p-value."
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "The run: an id, or 'latest'.") var run = "latest"
        @Option(help: "Output: table or json.") var format = "table"
        @Option(help: "Drift thresholds file (default: drift-calibration.json next to the store, else built-in).") var calibration: String?

        func validate() throws {
            guard ["table", "json"].contains(format) else { throw ValidationError("'--format' must be table or json, got '\(format)'.") }
            guard run == "latest" || Int64(run) != nil else { throw ValidationError("'--run' must be a run id or 'latest', got '\(run)'.") }
        }

        func run() async throws {
            do {
                let (_, path, store) = try options.openExistingStore().parts
                let thresholds = try DriftSetup.thresholds(explicitPath: calibration, store: path)
                let runID = try RunSelection.resolve(run, store: store, path: path)
                guard let reference = try store.referencePlatform() else { throw ValidationError("\(path) names no reference platform") }
                let assessment = try DriftReport.assess(store: store, runID: runID, reference: reference, thresholds: thresholds)
                let replayNote = try store.notes(runID: runID)["drift-replay"]
                if format == "json" {
                    print(DriftReport.json(assessment, runID: runID, thresholds: thresholds, replayNote: replayNote))
                } else {
                    if let replayNote { print("drift replay: \(replayNote)") }
                    print(DriftReport.table(assessment, thresholds: thresholds))
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }
    }
}
