import EvalCore
import EvalStore
import Foundation

/// Alerts as text: one line for people, JSON objects for machines, a table for `evalctl alerts`.
enum AlertText {
    /// ISO 8601 in UTC, seconds precision.
    static func timestamp(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }

    /// `quality` or `infrastructure`.
    static func category(_ alert: AlertRecord) -> String {
        alert.metric == MetricTally.infraMetric ? "infrastructure" : "quality"
    }

    /// One line: what changed, where, why.
    static func line(_ alert: AlertRecord) -> String {
        let what = alert.status == .open ? "OPENED" : "RESOLVED"
        let summary = evidenceSummary(alert.evidence)
        return
            "evalctl alert \(what) [\(category(alert))] \(alert.platform) suite=\(alert.suite) metric=\(alert.metric) run=\(alert.openedRunID.map(String.init) ?? "?")"
            + (summary.isEmpty ? "" : ": \(summary)")
    }

    /// One JSON object.
    static func json(_ alert: AlertRecord) -> String {
        let evidence = JSONParser.parse(alert.evidence).isSuccess ? alert.evidence : JSONText.quote(alert.evidence)
        let fields: [(String, String)] = [
            ("id", alert.id.map(String.init) ?? "null"), ("platform", JSONText.quote(alert.platform)), ("suite", JSONText.quote(alert.suite)),
            ("metric", JSONText.quote(alert.metric)), ("category", JSONText.quote(category(alert))),
            ("opened_at", JSONText.quote(timestamp(alert.openedAt))),
            ("resolved_at", alert.resolvedAt.map { JSONText.quote(timestamp($0)) } ?? "null"), ("status", JSONText.quote(alert.status.rawValue)),
            ("opened_run", alert.openedRunID.map(String.init) ?? "null"), ("evidence", evidence),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func jsonArray(_ alerts: [AlertRecord]) -> String {
        alerts.isEmpty ? "[]" : "[\n  " + alerts.map(json).joined(separator: ",\n  ") + "\n]"
    }

    static func table(_ alerts: [AlertRecord]) -> String {
        guard !alerts.isEmpty else { return "No alerts." }
        var table = TextTable(header: ["id", "status", "category", "platform", "suite", "metric", "opened", "resolved", "run", "evidence"])
        for alert in alerts {
            table.rows.append([
                alert.id.map(String.init) ?? "", alert.status.rawValue, category(alert), alert.platform, alert.suite, alert.metric,
                timestamp(alert.openedAt), alert.resolvedAt.map(timestamp) ?? "-", alert.openedRunID.map(String.init) ?? "-",
                evidenceSummary(alert.evidence),
            ])
        }
        return table.render()
    }

    /// The stored evidence's one-line summary (empty if it does not read back).
    static func evidenceSummary(_ evidence: String) -> String {
        AlertEvidence(json: evidence)?.summary ?? ""
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { true } else { false }
    }
}
