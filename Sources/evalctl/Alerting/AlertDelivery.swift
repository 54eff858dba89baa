import EvalBackends
import EvalCore
import EvalStore
import Foundation

/// Sends the alerts a detection pass changed to the configured sinks.
///
/// Alerts are stored before
/// delivery, so a sink that fails loses nothing: its error is reported and the command exits 5.
enum AlertDelivery {
    /// A sink that could not deliver.
    struct SinkFailure: Error, CustomStringConvertible {
        var sink: String
        var reason: String
        var description: String { "alert sink \(sink): \(reason)" }
    }

    /// How many detection passes a transition is offered to a sink that keeps failing (a day of
    /// hourly sweeps) before it is given up on, with an error.
    static let maximumAttempts = 24

    /// The key of a sink whose undelivered transitions the store keeps: JSON lines and webhooks (standard
    /// output is read or lost at once; the OpenMetrics file is rewritten whole each time).
    static func outboxKey(_ sink: AlertSinkConfiguration) -> String? {
        switch sink {
        case .jsonLines(let path): "jsonl:" + path
        case .webhook(let variable): "webhook:$" + variable
        case .stdout, .openMetrics: nil
        }
    }

    /// Delivers to every sink, with what each failed to receive before; the failures of those that could not.
    static func deliver(
        _ changed: [AlertRecord], sinks: [AlertSinkConfiguration], store: ResultStore,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> [SinkFailure] {
        var failures: [SinkFailure] = []
        for sink in sinks {
            var batch = changed
            var key: String?
            do {
                if let outbox = outboxKey(sink) {
                    key = outbox
                    let pending = try store.pendingDeliveries(sink: outbox).map(\.alert)
                    batch = pending.filter { old in !changed.contains { $0.id == old.id && $0.status == old.status } } + changed
                }
                try await deliver(batch, to: sink, store: store, environment: environment)
                if let key { try await store.recordDelivered(batch, sink: key) }
            } catch {
                let failure = error as? SinkFailure ?? SinkFailure(sink: sink.typeName, reason: "\(error)")
                failures.append(failure)
                if let key, !batch.isEmpty {
                    let dropped =
                        (try? await store.recordFailedDelivery(batch, sink: key, error: failure.reason, maximumAttempts: maximumAttempts)) ?? []
                    if !dropped.isEmpty {
                        failures.append(
                            SinkFailure(
                                sink: sink.typeName,
                                reason: "gave up on \(dropped.count) alert transition(s) after \(maximumAttempts) failed detection passes")
                        )
                    }
                }
            }
        }
        return failures
    }

    private static func deliver(_ changed: [AlertRecord], to sink: AlertSinkConfiguration, store: ResultStore, environment: [String: String])
        async throws
    {
        switch sink {
        case .stdout:
            for alert in changed { print(AlertText.line(alert)) }
        case .jsonLines(let path):
            guard !changed.isEmpty else { return }
            try TextFile.append(changed.map(AlertText.json).joined(separator: "\n") + "\n", to: path)
        case .openMetrics(let path):
            try TextFile.write(try OpenMetricsText.render(store: store), to: path)
        case .webhook(let variable):
            guard !changed.isEmpty else { return }
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
    }

    /// A Slack-compatible body: `text` for incoming webhooks, plus the alerts as objects.
    static func slackBody(_ alerts: [AlertRecord]) -> Data {
        let text = alerts.map(AlertText.line).joined(separator: "\n")
        struct Payload: Encodable {
            var text: String
            var alerts: [AlertText.Object]
        }
        return Data(ReportJSON.encode(Payload(text: text, alerts: alerts.map(AlertText.Object.init))).utf8)
    }
}
