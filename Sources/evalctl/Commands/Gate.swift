import ArgumentParser
import EvalCore
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl gate`: a CI step that fails when a candidate platform regressed in a run.
    struct Gate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fail CI when a candidate platform regressed against a baseline in a run.",
            discussion: """
                Per suite × metric of the run: a paired sign-flip test over the cases both platforms answered (drift metrics: \
                also an exact binomial test of the candidate's samples against the calibrated null rate), Holm-adjusted, \
                plus the minimum effect gate.min_effect, so one flaky case cannot fail the gate. \
                Exit 0: no regression; 1: a regression; 2: cannot judge (the candidate's infrastructure errors exceed \
                gate.max_infra_error_rate, a platform has no samples, the run is not complete, too few samples to see a \
                regression of gate.max_undetectable_effect, bad usage); 4: a damaged store. Each row prints its minimum \
                detectable effect: the smallest increase in failure rate the run would have flagged with power 0.8.
                """
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "The platform under test.") var candidate: String
        @Option(help: "The platform it must not be worse than (default: the reference).") var baseline: String?
        @Option(help: "The run: an id, or 'latest'.") var run = "latest"
        @Option(help: "Write JUnit XML here (one test case per suite × metric).") var junit: String?
        @Option(help: "Write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).") var markdown: String?

        func validate() throws {
            guard run == "latest" || Int64(run) != nil else { throw ValidationError("'--run' must be a run id or 'latest', got '\(run)'.") }
        }

        func run() async throws {
            let verdict: GateEvaluation.Verdict
            do {
                verdict = try evaluate()
            } catch {
                // A damaged or locked store keeps its own exit status; anything else means "cannot judge".
                let code = fail(error)
                throw [ExitStatus.badDatabase.code, ExitStatus.locked.code].contains(code) ? code : ExitCode(2)
            }
            switch verdict {
            case .pass: return
            case .regression: throw ExitStatus.regression.code
            case .infrastructure, .underpowered: throw ExitCode(2)
            }
        }

        private func evaluate() throws -> GateEvaluation.Verdict {
            let (source, path, store) = try options.openExistingStore().parts
            let runID = try RunSelection.resolve(run, store: store, path: path)
            guard let baseline = try baseline ?? store.referencePlatform() else {
                throw ValidationError("\(path) names no reference platform; pass --baseline")
            }
            let known = try store.platformNames()
            for name in [candidate, baseline] where !known.contains(name) {
                throw ValidationError("no platform named '\(name)' in \(path) (known: \(known.joined(separator: ", ")))")
            }
            guard candidate != baseline else { throw ValidationError("the candidate and the baseline are both '\(candidate)'") }
            let policy = try Self.policy(source.configuration, storePath: path)
            let evaluation = GateEvaluation(
                candidate: candidate, baseline: baseline, cases: try store.caseTallies(runID: runID, platforms: [candidate, baseline]),
                policy: policy,
                history: try store.history(platform: baseline, beforeRun: runID, runs: Self.historyRuns)
            )
            let report = GateReport(evaluation: evaluation, runID: runID, policy: policy)
            print(report.text())
            if let junit { try Data(report.junit().utf8).write(to: URL(fileURLWithPath: junit)) }
            if let markdown { try TextFile.append(report.markdown(), to: markdown) }
            return evaluation.verdict
        }

        /// How many of the baseline's earlier complete runs its history pools.
        static let historyRuns = 50

        /// The configuration's decision policy, with the drift metrics' null rates of the store's calibration.
        static func policy(_ configuration: EvalConfiguration, storePath: String) throws -> DecisionPolicy {
            policy(configuration, thresholds: try DriftSetup.thresholds(explicitPath: nil, store: storePath))
        }

        /// The configuration's decision policy, with these thresholds' drift null rates.
        static func policy(_ configuration: EvalConfiguration, thresholds: DriftThresholds) -> DecisionPolicy {
            var policy = configuration.decisionPolicy
            for metric in DriftMetric.allCases where metric != .distribution {
                policy.nullRates[metric.rawValue] = thresholds.nullRate(of: metric)
            }
            return policy
        }
    }
}
