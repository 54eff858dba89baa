/// Where alerts go when a detection pass opens or resolves them (the configuration's `alerts.sinks`).
public enum AlertSinkConfiguration: Sendable, Equatable {
    /// One line per alert on standard output.
    case stdout
    /// One JSON object per line, appended to a file.
    case jsonLines(path: String)
    /// A POST of a Slack-compatible body (`{"text": …}`) to a URL read from an environment variable:
    /// webhook URLs carry their secret in the path, so they never sit in the configuration.
    case webhook(urlEnvironmentVariable: String)
    /// OpenMetrics text rewritten after every pass, for node_exporter's textfile collector.
    case openMetrics(path: String)

    /// The `type` name in the configuration.
    public var typeName: String {
        switch self {
        case .stdout: "stdout"
        case .jsonLines: "jsonl"
        case .webhook: "webhook"
        case .openMetrics: "openmetrics"
        }
    }
}
