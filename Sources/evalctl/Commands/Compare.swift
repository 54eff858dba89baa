import ArgumentParser
import EvalCore
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl compare A B`: whether B fails more often than A, per suite × metric.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two platforms' failure rates per suite × metric over stored runs.",
            discussion: """
                Pools the runs both platforms took part in. Per row: both rates, B − A with Newcombe's 95% interval, a one-sided \
                p-value (Fisher's exact test, or the z-test when failures are many), Holm-adjusted; B regressed when the adjusted \
                p is below gate.alpha and the delta is at least gate.min_effect. Then B's worst recent failures, diffed token by \
                token against the reference's answer to the same request. Exit 0 whatever the result (use `evalctl gate` to fail CI).
                """
        )

        @OptionGroup var options: CommonOptions
        @Argument(help: "The baseline platform.") var a: String
        @Argument(help: "The platform judged against it.") var b: String
        @Option(help: "Only this suite.") var suite: String?
        @Option(help: "Only runs since: an ISO 8601 date, seconds since 1970, or a span such as 24h or 7d.") var since: String?
        @Option(help: "Output: table, json or markdown.") var format = "table"
        @Option(help: "Worst examples shown.") var examples = 3

        func validate() throws {
            guard ["table", "json", "markdown"].contains(format) else {
                throw ValidationError("'--format' must be table, json or markdown, got '\(format)'.")
            }
            guard a != b else { throw ValidationError("compare needs two different platforms, got '\(a)' twice.") }
            guard examples >= 0 else { throw ValidationError("'--examples' must be 0 or more, got \(examples).") }
            if let since { _ = try TimeSpec.parse(since) }
        }

        func run() async throws {
            do {
                let (source, path, store) = try options.openExistingStore().parts
                let known = try store.platformNames()
                for name in [a, b] where !known.contains(name) {
                    throw ValidationError("no platform named '\(name)' in \(path) (known: \(known.joined(separator: ", ")))")
                }
                let report = try ComparisonReport.build(
                    store: store, a: a, b: b, suite: suite, since: try since.map { try TimeSpec.parse($0) },
                    policy: source.configuration.decisionPolicy,
                    examples: examples
                )
                // Runs scored by other identifiers, word lists, parsers or calibrations are not comparable
                // sample for sample: a difference may come from the scoring, not the platforms.
                let environments = Set(
                    try store.distinctNotes(topic: "provenance", sharedBy: (a, b), since: try since.map { try TimeSpec.parse($0) })
                        .compactMap(ScoringProvenance.decode)
                )
                if environments.count > 1 {
                    FileHandle.standardError.write(
                        Data(
                            "evalctl: warning: the runs compared were scored in \(environments.count) different environments (language identifier, word lists, parsers or drift calibration; see `evalctl runs --format json`): a difference may come from the scoring, not the platforms\n"
                                .utf8
                        )
                    )
                }
                switch format {
                case "json": print(report.json())
                case "markdown": print(report.markdown())
                default: print(report.table())
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }
    }
}
