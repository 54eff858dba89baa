import EvalCore
import EvalStore
import Foundation

/// `evalctl report`: one self-contained HTML file (no script, no external resource; a content
/// security policy forbids both) with the time series, alerts, comparisons and worst examples.
struct HTMLReport {
    var storePath: String
    var reference: String
    var runs: [RunTallies]
    var alerts: [AlertRecord]
    var comparisons: [ComparisonReport]
    var generatedAt: Date

    static func build(store: ResultStore, storePath: String, policy: DecisionPolicy, lastRuns: Int, since: Double?) throws -> HTMLReport {
        let latest = try store.latestRunID() ?? 0
        var runs = try store.runTallies(fromRunID: max(0, latest - Int64(lastRuns) + 1))
        if let since { runs = runs.filter { $0.startedAt >= since } }
        let reference = try store.referencePlatform() ?? ""
        let platforms = Set(runs.flatMap { $0.tallies.map(\.platform) }).sorted()
        let windowStart = since ?? runs.first?.startedAt
        let comparisons = try platforms.filter { $0 != reference }.map {
            try ComparisonReport.build(store: store, a: reference, b: $0, suite: nil, since: windowStart, policy: policy, examples: 2)
        }
        return HTMLReport(
            storePath: storePath, reference: reference, runs: runs, alerts: try store.alerts(), comparisons: comparisons, generatedAt: Date()
        )
    }

    func render() -> String {
        var body: [String] = []
        let platforms = Set(runs.flatMap { $0.tallies.map(\.platform) }).sorted { ($0 == reference ? 1 : 0, $0) < ($1 == reference ? 1 : 0, $1) }
        let metrics = Set(runs.flatMap { $0.tallies.map(\.metric) }).sorted {
            ($0 == MetricTally.infraMetric ? 1 : 0, $0) < ($1 == MetricTally.infraMetric ? 1 : 0, $1)
        }
        let first = runs.first?.startedAt ?? 0
        let last = runs.last?.startedAt ?? 1
        body.append("<h1>evalctl report</h1>")
        body.append(
            "<p class=\"meta\">Store <code>\(HTMLText.escape(storePath))</code> · \(runs.count) runs from \(HTMLText.escape(SVGChart.date(first))) to \(HTMLText.escape(SVGChart.date(last))) · reference <b>\(HTMLText.escape(reference))</b> · generated \(HTMLText.escape(SVGChart.date(generatedAt.timeIntervalSince1970)))</p>"
        )
        // Alerts.
        let open = alerts.filter { $0.status == .open }
        body.append("<h2>Alerts <span class=\"count\">\(open.count) open, \(alerts.count - open.count) resolved</span></h2>")
        if alerts.isEmpty {
            body.append("<p>No alerts.</p>")
        } else {
            var rows = [
                "<tr><th>status</th><th>category</th><th>platform</th><th>suite</th><th>metric</th><th>opened</th><th>resolved</th><th>run</th><th>evidence</th></tr>"
            ]
            for alert in alerts.prefix(200) {
                rows.append(
                    "<tr class=\"\(alert.status == .open ? "open" : "resolved")\"><td>\(alert.status.rawValue)</td><td>\(AlertText.category(alert))</td><td>\(HTMLText.escape(alert.platform))</td><td>\(HTMLText.escape(alert.suite))</td><td>\(HTMLText.escape(alert.metric))</td><td>\(HTMLText.escape(SVGChart.date(alert.openedAt)))</td><td>\(alert.resolvedAt.map { HTMLText.escape(SVGChart.date($0)) } ?? "–")</td><td>\(alert.openedRunID.map(String.init) ?? "–")</td><td>\(HTMLText.escape(AlertText.evidenceSummary(alert.evidence)))</td></tr>"
                )
            }
            body.append("<table>\(rows.joined(separator: "\n"))</table>")
        }
        // Time series: one row of charts per metric, one chart per platform.
        body.append("<h2>Failure rate per run</h2>")
        body.append(
            "<p class=\"legend\"><span class=\"swatch platform\"></span> platform <span class=\"swatch reference\"></span> reference <span class=\"swatch alert\"></span> alert opened (shaded while open) · all suites pooled</p>"
        )
        for metric in metrics {
            body.append(
                "<h3>\(HTMLText.escape(metric))\(metric == MetricTally.infraMetric ? " <span class=\"count\">infrastructure</span>" : "")</h3><div class=\"charts\">"
            )
            for platform in platforms {
                let points = series(platform: platform, metric: metric)
                guard !points.isEmpty else { continue }
                let chart = SVGChart(
                    title: "\(platform) · \(metric)", series: points,
                    reference: platform == reference ? [] : series(platform: reference, metric: metric),
                    alerts: alerts.filter { $0.platform == platform && $0.metric == metric }.map { ($0.openedAt, $0.resolvedAt) },
                    timeRange: first...max(last, first + 1)
                )
                body.append("<figure><figcaption>\(HTMLText.escape(platform))</figcaption>\(chart.render())</figure>")
            }
            body.append("</div>")
        }
        // Comparisons and worst examples.
        body.append("<h2>Each platform against the reference</h2>")
        for comparison in comparisons {
            body.append(
                "<h3>\(HTMLText.escape(comparison.b)) vs \(HTMLText.escape(comparison.a)) <span class=\"count\">\(comparison.runs) runs\(comparison.regressed ? " · regression" : "")</span></h3>"
            )
            body.append(Self.comparisonTable(comparison))
            for example in comparison.examples {
                body.append(
                    "<div class=\"example\"><p>Worst: sample \(example.sampleID), run \(example.runID), \(HTMLText.escape(example.suite))/\(HTMLText.escape(example.caseID)) #\(example.sampleIndex) — \(HTMLText.escape(example.metric)) = \(HTMLText.escape(JSONText.number(example.value))). Diff against \(HTMLText.escape(comparison.reference)): <del>reference only</del> <ins>\(HTMLText.escape(comparison.b)) only</ins></p><pre>\(Self.diffHTML(ComparisonReport.diff(example)))</pre></div>"
                )
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>evalctl report</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1600px; }
            h1 { margin: 0 0 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #ddd; } h3 { margin: 18px 0 6px; font-size: 15px; }
            .meta, .legend { color: #555; } .count { color: #777; font-weight: normal; font-size: 13px; }
            table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.open td, tr.regression td { background: #fde0dc; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; } figcaption { font-size: 12px; color: #333; }
            .swatch { display: inline-block; width: 18px; height: 4px; vertical-align: middle; margin: 0 4px 0 12px; }
            .swatch.platform { background: #1f5fbf; } .swatch.reference { background: #9a9a9a; } .swatch.alert { background: #d62728; height: 10px; width: 10px; }
            pre { background: #f6f6f6; padding: 8px; white-space: pre-wrap; word-break: break-word; max-height: 320px; overflow: auto; }
            del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private func series(platform: String, metric: String) -> [SVGChart.Point] {
        SVGChart.rates(runs, platform: platform, metric: metric)
    }

    /// A comparison's rows as an HTML table (the report's and the live UI's).
    static func comparisonTable(_ comparison: ComparisonReport) -> String {
        guard !comparison.rows.isEmpty else { return "<p>No metric judged on both.</p>" }
        var rows = [
            "<tr><th>suite</th><th>metric</th><th>\(HTMLText.escape(comparison.a))</th><th>\(HTMLText.escape(comparison.b))</th><th>delta (points)</th><th>95% CI</th><th>p (Holm)</th><th>regression</th></tr>"
        ]
        for row in comparison.rows {
            rows.append(
                "<tr class=\"\(row.regression ? "regression" : "")\"><td>\(HTMLText.escape(row.suite))</td><td>\(HTMLText.escape(row.metric))</td><td class=\"num\">\(ComparisonReport.percent(row.a))</td><td class=\"num\">\(ComparisonReport.percent(row.b))</td><td class=\"num\">\(ComparisonReport.signedPoints(row.delta))</td><td class=\"num\">[\(ComparisonReport.signedPoints(row.ciLow)), \(ComparisonReport.signedPoints(row.ciHigh))]</td><td class=\"num\">\(ComparisonReport.pValue(row.adjustedPValue))</td><td>\(row.regression ? "YES" : "no")</td></tr>"
            )
        }
        return "<table>\(rows.joined(separator: "\n"))</table>"
    }

    /// A token diff as HTML: `<del>` for the reference's tokens, `<ins>` for the platform's.
    static func diffHTML(_ segments: [TokenDiff.Segment]) -> String {
        segments.map { segment in
            let text = HTMLText.escape(segment.text)
            switch segment.operation {
            case .equal: return text
            case .removed: return "<del>\(text)</del>"
            case .added: return "<ins>\(text)</ins>"
            }
        }.joined()
    }
}
