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

    /// One alert as JSON.
    struct Object: Encodable {
        typealias Nullable = ReportJSON.Nullable
        @Nullable var id: Int64?
        var platform, suite, metric, category, openedAt: String
        @Nullable var resolvedAt: String?
        var status: String
        @Nullable var openedRun: Int64?
        var evidence: ReportJSON.Embedded

        init(_ alert: AlertRecord) {
            id = alert.id
            platform = alert.platform
            suite = alert.suite
            metric = alert.metric
            category = AlertText.category(alert)
            openedAt = AlertText.timestamp(alert.openedAt)
            resolvedAt = alert.resolvedAt.map(AlertText.timestamp)
            status = alert.status.rawValue
            openedRun = alert.openedRunID
            evidence = ReportJSON.Embedded(alert.evidence)
        }
    }

    /// One JSON object.
    static func json(_ alert: AlertRecord) -> String { ReportJSON.encode(Object(alert)) }

    static func jsonArray(_ alerts: [AlertRecord]) -> String { ReportJSON.encode(alerts.map(Object.init)) }

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
