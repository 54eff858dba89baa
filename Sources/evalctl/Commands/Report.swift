import ArgumentParser
import EvalCore
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl report`: a self-contained HTML report of the store.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a self-contained HTML report: time series with alerts, comparisons, worst examples.",
            discussion: "The file has no script and loads nothing; model output is escaped everywhere."
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "The HTML file to write.") var out = "results/report.html"
        @Option(help: "Chart at most this many of the latest runs.") var runs = 1_000
        @Option(help: "Only runs since: an ISO 8601 date, seconds since 1970, or a span such as 7d.") var since: String?

        func validate() throws {
            guard runs > 0 else { throw ValidationError("'--runs' must be positive, got \(runs).") }
            if let since { _ = try TimeSpec.parse(since) }
        }

        func run() async throws {
            do {
                let (source, path, store) = try options.openExistingStore().parts
                let report = try HTMLReport.build(
                    store: store, storePath: path, policy: source.configuration.decisionPolicy, lastRuns: runs,
                    since: try since.map { try TimeSpec.parse($0) }
                )
                try TextFile.write(report.render(), to: out)
                print("wrote \(out) (\(report.runs.count) runs, \(report.alerts.count) alerts)")
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }
    }
}
