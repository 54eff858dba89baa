import EvalCore
import EvalStore
import Foundation

/// The store's state in the OpenMetrics text format: open alerts, the latest run's failure rates,
/// the latest run's time.
///
/// Served at `/metrics` by `evalctl serve` and written for node_exporter's
/// textfile collector by the `openmetrics` sink.
enum OpenMetricsText {
    static func render(store: ResultStore) throws -> String {
        var lines: [String] = []
        lines.append("# TYPE evalctl_alert_open gauge")
        lines.append("# HELP evalctl_alert_open 1 while a regression alert is open for the stream.")
        for alert in try store.alerts(status: .open) {
            let labels = [("platform", alert.platform), ("suite", alert.suite), ("metric", alert.metric), ("category", AlertText.category(alert))]
            lines.append("evalctl_alert_open\(labelSet(labels)) 1")
        }
        // The latest finished run: a sweep in progress has no tallies yet.
        if let latest = try store.latestFinishedRunID(), let run = try store.runTallies(fromRunID: latest).last {
            lines.append("# TYPE evalctl_failure_ratio gauge")
            lines.append("# HELP evalctl_failure_ratio Share of judged samples that failed the metric in the latest run.")
            for tally in run.tallies where tally.judged > 0 {
                let labels = [("platform", tally.platform), ("suite", tally.suite), ("metric", tally.metric)]
                lines.append("evalctl_failure_ratio\(labelSet(labels)) \(JSONText.number(Double(tally.failed) / Double(tally.judged)))")
            }
            lines.append("# TYPE evalctl_judged_samples gauge")
            lines.append("# HELP evalctl_judged_samples Samples the metric judged in the latest run.")
            for tally in run.tallies {
                let labels = [("platform", tally.platform), ("suite", tally.suite), ("metric", tally.metric)]
                lines.append("evalctl_judged_samples\(labelSet(labels)) \(tally.judged)")
            }
            lines.append("# TYPE evalctl_last_run_timestamp_seconds gauge")
            lines.append("# HELP evalctl_last_run_timestamp_seconds When the latest finished run started.")
            lines.append("evalctl_last_run_timestamp_seconds \(String(format: "%.3f", run.startedAt))")
            lines.append("# TYPE evalctl_last_run_id gauge")
            lines.append("evalctl_last_run_id \(run.runID)")
        }
        lines.append("# EOF")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{name="value",…}` with values escaped as the format requires.
    static func labelSet(_ labels: [(String, String)]) -> String {
        "{"
            + labels.map { name, value in
                var escaped = ""
                for character in value {
                    switch character {
                    case "\\": escaped += "\\\\"
                    case "\"": escaped += "\\\""
                    case "\n": escaped += "\\n"
                    default: escaped.append(character)
                    }
                }
                return "\(name)=\"\(escaped)\""
            }.joined(separator: ",") + "}"
    }
}
