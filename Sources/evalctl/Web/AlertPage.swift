import EvalCore
import EvalStore

/// `/alerts/<id>`: one alert's evidence: the failures that tripped it, the null (baseline) and
/// alternative rates, the CUSUM statistic against its threshold, the design effect.
enum AlertPage {
    static func page(store: ResultStore, id: Int64) throws -> WebPage {
        guard let alert = try store.alert(id: id) else { return .problem(.notFound, "no alert has id \(id)") }
        let evidence = AlertEvidence(json: alert.evidence)
        var body = [
            "<h1>Alert #\(id) <span class=\"count\">\(alert.status.rawValue)</span></h1>",
            "<p class=\"meta\">\(HTMLText.escape(AlertText.category(alert))) · \(WebPage.link("/platforms/\(WebPage.component(alert.platform))", alert.platform)) · suite \(HTMLText.escape(alert.suite)) · metric \(HTMLText.escape(alert.metric)) · opened \(HTMLText.escape(SVGChart.date(alert.openedAt)))\(alert.openedRunID.map { " in run \($0)" } ?? "")\(alert.resolvedAt.map { " · resolved \(HTMLText.escape(SVGChart.date($0)))" } ?? "")</p>",
        ]
        if let evidence {
            let rate = evidence.judged > 0 ? Double(evidence.failed) / Double(evidence.judged) : 0
            let rows: [(String, String)] = [
                ("failures in the run that opened it", "\(evidence.failed) of \(evidence.judged) (\(String(format: "%.3g%%", rate * 100)))"),
                ("null rate (\(evidence.baseline.rawValue))", String(format: "%.3g%%", evidence.nullRate * 100)),
                ("baseline", "\(evidence.baselineFailed) of \(evidence.baselineJudged)"),
                ("alternative rate the detector is tuned for", String(format: "%.3g%%", evidence.alternativeRate * 100)),
                ("CUSUM statistic", String(format: "%.2f (threshold %.2f)", evidence.statistic, evidence.threshold)),
                ("design effect (evidence divided by it)", String(format: "%.2f", evidence.designEffect)),
            ]
            body.append(
                "<table>" + rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td class=\"num\">\(HTMLText.escape($0.1))</td></tr>" }.joined()
                    + "</table>")
        }
        body.append("<h2>Stored evidence</h2><pre>\(HTMLText.escape(alert.evidence))</pre>")
        if let reference = try store.referencePlatform(), reference != alert.platform {
            body.append(
                "<p>\(WebPage.link("/compare?a=\(WebPage.component(reference))&b=\(WebPage.component(alert.platform))", "compare \(alert.platform) with \(reference)"))</p>"
            )
        }
        struct Data: Encodable {
            var alert: AlertsPage.Row
            var evidence: String
        }
        return WebPage(
            title: "Alert #\(id)", body: body.joined(separator: "\n"),
            json: ReportJSON.encode(Data(alert: AlertsPage.row(alert), evidence: alert.evidence)))
    }
}
