import EvalCore
import EvalStore

/// `/alerts`: every alert, newest first, optionally of one platform (`?platform=`) or status
/// (`?status=open|resolved`).
enum AlertsPage {
    struct Row: Encodable {
        var id: Int64
        var status: String
        var category: String
        var platform: String
        var suite: String
        var metric: String
        var openedAt: Double
        @ReportJSON.Nullable var resolvedAt: Double?
        @ReportJSON.Nullable var openedRun: Int64?
        var summary: String
    }

    static func row(_ alert: AlertRecord) -> Row {
        Row(
            id: alert.id ?? 0, status: alert.status.rawValue, category: AlertText.category(alert), platform: alert.platform, suite: alert.suite,
            metric: alert.metric, openedAt: alert.openedAt, resolvedAt: alert.resolvedAt, openedRun: alert.openedRunID,
            summary: AlertText.evidenceSummary(alert.evidence))
    }

    static func page(store: ResultStore, platform: String?, status: String?) throws -> WebPage {
        var wanted: AlertRecord.Status?
        if let status {
            guard let parsed = AlertRecord.Status(rawValue: status) else {
                return .problem(.badRequest, "status='\(status.prefix(40))': expected open or resolved")
            }
            wanted = parsed
        }
        var alerts = try store.alerts(status: wanted)
        if let platform { alerts = alerts.filter { $0.platform == platform } }
        let open = alerts.filter { $0.status == .open }.count
        var body = [
            "<h1>Alerts <span class=\"count\">\(open) open, \(alerts.count - open) resolved\(platform.map { " · \(HTMLText.escape($0))" } ?? "")</span></h1>"
        ]
        body.append(alerts.isEmpty ? "<p>No alerts.</p>" : table(alerts))
        var page = WebPage(title: "Alerts", body: body.joined(separator: "\n"), json: ReportJSON.encode(alerts.map(row)))
        page.refreshSeconds = 60
        return page
    }

    /// Alerts as a table, each linked to its page and its platform's.
    static func table(_ alerts: [AlertRecord]) -> String {
        var rows = [
            "<tr><th>alert</th><th>status</th><th>category</th><th>platform</th><th>suite</th><th>metric</th><th>opened</th><th>resolved</th><th>evidence</th></tr>"
        ]
        for alert in alerts {
            let id = alert.id ?? 0
            rows.append(
                "<tr class=\"\(alert.status == .open ? "open" : "")\"><td>\(WebPage.link("/alerts/\(id)", "#\(id)"))</td><td>\(alert.status.rawValue)</td><td>\(HTMLText.escape(AlertText.category(alert)))</td><td>\(WebPage.link("/platforms/\(WebPage.component(alert.platform))", alert.platform))</td><td>\(HTMLText.escape(alert.suite))</td><td>\(HTMLText.escape(alert.metric))</td><td>\(HTMLText.escape(SVGChart.date(alert.openedAt)))</td><td>\(alert.resolvedAt.map { HTMLText.escape(SVGChart.date($0)) } ?? "–")</td><td>\(HTMLText.escape(AlertText.evidenceSummary(alert.evidence)))</td></tr>"
            )
        }
        return "<table>\(rows.joined(separator: "\n"))</table>"
    }
}
