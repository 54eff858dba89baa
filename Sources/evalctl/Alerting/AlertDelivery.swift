import EvalBackends
import EvalCore
import EvalStore
import Foundation

/// Sends the alerts a detection pass changed to the configured sinks. Alerts are stored before
/// delivery, so a sink that fails loses nothing: its error is reported and the command exits 5.
enum AlertDelivery {
    /// A sink that could not deliver.
    struct SinkFailure: Error, CustomStringConvertible {
        var sink: String
        var reason: String
        var description: String { "alert sink \(sink): \(reason)" }
    }

    /// Delivers to every sink; the failures of those that could not.
    static func deliver(
        _ changed: [AlertRecord], sinks: [AlertSinkConfiguration], store: ResultStore, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> [SinkFailure] {
        var failures: [SinkFailure] = []
        for sink in sinks {
            do {
                switch sink {
                case .stdout:
                    for alert in changed { print(AlertText.line(alert)) }
                case .jsonLines(let path):
                    guard !changed.isEmpty else { continue }
                    try TextFile.append(changed.map(AlertText.json).joined(separator: "\n") + "\n", to: path)
                case .openMetrics(let path):
                    try TextFile.write(try OpenMetricsText.render(store: store), to: path)
                case .webhook(let variable):
                    guard !changed.isEmpty else { continue }
                    guard let url = environment[variable], !url.isEmpty else {
                        throw SinkFailure(sink: "webhook", reason: "environment variable \(variable) is not set")
                    }
                    let transport = HTTPTransport(connectionsPerHost: 1)
                    var posted: Result<Void, InfraError> = .success(())
                    do throws(InfraError) {
                        try await WebhookPoster(transport: transport).post(url: url, body: slackBody(changed))
                    } catch {
                        posted = .failure(error)
                    }
                    try? await transport.shutdown()
                    try posted.get()
                }
            } catch let failure as SinkFailure {
                failures.append(failure)
            } catch {
                failures.append(SinkFailure(sink: sink.typeName, reason: "\(error)"))
            }
        }
        return failures
    }

    /// A Slack-compatible body: `text` for incoming webhooks, plus the alerts as objects.
    static func slackBody(_ alerts: [AlertRecord]) -> Data {
        let text = alerts.map(AlertText.line).joined(separator: "\n")
        return Data("{\"text\":\(JSONText.quote(text)),\"alerts\":[\(alerts.map(AlertText.json).joined(separator: ","))]}".utf8)
    }
}
