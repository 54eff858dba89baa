import ArgumentParser
import EvalCore
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl alerts`: the stored regression alerts; with `--detect`, a detection pass first.
    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List regression alerts (and run detection over new runs with --detect).",
            discussion: """
                Detection: per platform × suite × metric, a Bernoulli CUSUM against the reference's recent rate and one \
                against the platform's own history; the threshold keeps false alerts within the configured budget \
                (alerts.false_alarms_per_week over alerts.sweeps_per_week). infra-error alerts are infrastructure, never quality. \
                --detect delivers opened and resolved alerts to the configured sinks; exit 5 if a sink failed (alerts stay stored).
                """
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "Output: table or json.") var format = "table"
        @Option(help: "Which alerts: open, resolved or all.") var status = "all"
        @Flag(help: "Run detection over the runs not yet judged, and deliver what changed.") var detect = false

        func validate() throws {
            guard ["table", "json"].contains(format) else { throw ValidationError("'--format' must be table or json, got '\(format)'.") }
            guard ["open", "resolved", "all"].contains(status) else {
                throw ValidationError("'--status' must be open, resolved or all, got '\(status)'.")
            }
        }

        func run() async throws {
            do {
                let (source, path, store) = try options.openExistingStore(access: detect ? .readWrite : .readOnly).parts
                var failures: [AlertDelivery.SinkFailure] = []
                if detect {
                    let outcome = try await AlertDetection.run(store: store, storePath: path, configuration: source.configuration)
                    let sinks = source.configuration.alertSinks.filter { $0 != .stdout || format == "table" }
                    failures = await AlertDelivery.deliver(outcome.changed, sinks: sinks, store: store)
                }
                let alerts = try store.alerts(status: AlertRecord.Status(rawValue: status))
                print(format == "json" ? AlertText.jsonArray(alerts) : AlertText.table(alerts))
                for failure in failures { printError("\(failure)") }
                if !failures.isEmpty { throw ExitStatus.infrastructure.code }
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }
    }
}
