import EvalCore
import EvalStore

/// `/`: the platform × metric grid of the latest finished run: failure rate, its difference from
/// the reference's, open alerts and the trend over the last runs; infrastructure errors in a
/// column of their own, apart from quality.
enum OverviewPage {
    static let trendRuns = 30

    struct Cell: Encodable {
        var platform: String
        var metric: String
        var judged: Int
        var failed: Int
        @ReportJSON.Nullable var rate: Double?
        @ReportJSON.Nullable var deltaVsReference: Double?
        var openAlerts: Int
        /// The failure rate in each of the last runs, oldest first (`null`: not judged that run).
        var trend: [Double?]
    }

    struct Data: Encodable {
        @ReportJSON.Nullable var run: Int64?
        var reference: String
        var runs: [Int64]
        var platforms: [String]
        var metrics: [String]
        var cells: [Cell]
    }

    static func build(store: ResultStore) throws -> Data {
        let latest = try store.latestFinishedRunID()
        let runs = try latest.map { try store.runTallies(fromRunID: max(0, $0 - Int64(trendRuns) + 1)) } ?? []
        let reference = try store.referencePlatform() ?? ""
        // All suites pooled, from the per-suite rows (a metric of one suite has no pooled row).
        let pooled = runs.map { run in MetricTally.suiteTotals(run.tallies) }
        let platforms = Set(pooled.flatMap { $0.map(\.platform) }).sorted { ($0 != reference ? 1 : 0, $0) < ($1 != reference ? 1 : 0, $1) }
        let metrics = Set(pooled.flatMap { $0.map(\.metric) }).sorted {
            ($0 == MetricTally.infraMetric ? 1 : 0, $0) < ($1 == MetricTally.infraMetric ? 1 : 0, $1)
        }
        let open = try store.alerts(status: .open)
        func rate(_ tallies: [MetricTally], _ platform: String, _ metric: String) -> (tally: MetricTally?, rate: Double?) {
            guard let tally = tallies.first(where: { $0.platform == platform && $0.metric == metric }), tally.judged > 0 else { return (nil, nil) }
            return (tally, Double(tally.failed) / Double(tally.judged))
        }
        let last = pooled.last ?? []
        var cells: [Cell] = []
        for platform in platforms {
            for metric in metrics {
                let (tally, current) = rate(last, platform, metric)
                let referenceRate = platform == reference ? nil : rate(last, reference, metric).rate
                cells.append(
                    Cell(
                        platform: platform, metric: metric, judged: tally?.judged ?? 0, failed: tally?.failed ?? 0, rate: current,
                        deltaVsReference: current.flatMap { value in referenceRate.map { value - $0 } },
                        openAlerts: open.filter { $0.platform == platform && $0.metric == metric }.count,
                        trend: pooled.map { rate($0, platform, metric).rate }))
            }
        }
        return Data(run: latest, reference: reference, runs: runs.map(\.runID), platforms: platforms, metrics: metrics, cells: cells)
    }

    static func page(store: ResultStore) throws -> WebPage {
        let data = try build(store: store)
        var body = ["<h1>Platforms</h1>"]
        guard let run = data.run else {
            body.append("<p>No finished run in the store yet: run <code>evalctl sweep</code>.</p>")
            return WebPage(title: "Overview", body: body.joined(separator: "\n"), json: ReportJSON.encode(data))
        }
        body.append(
            "<p class=\"meta\">Latest finished run \(run) · trend over the last \(data.runs.count) runs · reference <b>\(HTMLText.escape(data.reference))</b> · failure rate (Δ points vs the reference) · open alerts</p>"
        )
        var rows = ["<tr><th>platform</th>" + data.metrics.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>"]
        for platform in data.platforms {
            var row =
                "<tr><td>\(WebPage.link("/platforms/\(WebPage.component(platform))", platform))\(platform == data.reference ? " <span class=\"count\">reference</span>" : "")</td>"
            for metric in data.metrics {
                guard let cell = data.cells.first(where: { $0.platform == platform && $0.metric == metric }) else { continue }
                let infra = metric == MetricTally.infraMetric
                let style = infra ? (cell.failed > 0 ? "infra" : "") : cell.openAlerts > 0 || (cell.deltaVsReference ?? 0) > 0.02 ? "bad" : ""
                var text = cell.rate.map { String(format: "%.2f%%", $0 * 100) } ?? "–"
                if let delta = cell.deltaVsReference { text += String(format: " (%+.2f)", delta * 100) }
                let target =
                    platform == data.reference || infra
                    ? "/platforms/\(WebPage.component(platform))"
                    : "/compare?a=\(WebPage.component(data.reference))&b=\(WebPage.component(platform))"
                var content = WebPage.link(target, text) + " <span class=\"count\">\(cell.failed)/\(cell.judged)</span>"
                if cell.openAlerts > 0 { content += " " + WebPage.link("/alerts?platform=\(WebPage.component(platform))", "\(cell.openAlerts) open") }
                row += "<td class=\"\(style)\">\(content)<br>\(Sparkline.svg(cell.trend))</td>"
            }
            rows.append(row + "</tr>")
        }
        body.append("<table>\(rows.joined(separator: "\n"))</table>")
        body.append("<p class=\"meta\">\(MetricTally.infraMetric): requests that got no answer (infrastructure, never a quality failure).</p>")
        var page = WebPage(title: "Overview", body: body.joined(separator: "\n"), json: ReportJSON.encode(data))
        page.refreshSeconds = 60
        return page
    }
}
