import EvalCore
import EvalStore

/// `/platforms/<name>`: a platform's failure rate per run for each metric, all suites and each
/// suite (alert periods shaded, the reference dashed); its serving pools for each metric that
/// failed in the latest run (a fault on some replicas, or sticky misrouting, stands out there);
/// and its worst recent samples, each a link.
enum PlatformPage {
    static let runs = 48
    /// Runs the serving-pool breakdown covers.
    static let poolRuns = 12

    struct PoolRow: Encodable {
        var metric: String
        var pool: String
        var judged: Int
        var failed: Int
        var replicas: Int
        var failingReplicas: Int
    }

    struct Point: Encodable {
        var run: Int64
        var startedAt: Double
        var suite: String
        var metric: String
        var judged: Int
        var failed: Int
    }

    struct Example: Encodable {
        var sampleId: Int64
        var run: Int64
        var suite: String
        var caseId: String
        var metric: String
        var value: Double
    }

    struct Data: Encodable {
        var platform: String
        var reference: String
        var series: [Point]
        var pools: [PoolRow]
        var worst: [Example]
        var openAlerts: [Int64]
    }

    static func page(store: ResultStore, platform: String) throws -> WebPage {
        guard try store.platformNames().contains(platform) else {
            return .problem(.notFound, "no platform is named '\(platform.prefix(80))' in this store")
        }
        let latest = try store.latestFinishedRunID() ?? 0
        let history = try store.runTallies(fromRunID: max(0, latest - Int64(runs) + 1))
        let reference = try store.referencePlatform() ?? ""
        let alerts = try store.alerts().filter { $0.platform == platform }
        var series: [Point] = []
        for run in history {
            for tally in run.tallies where tally.platform == platform && tally.suite != MetricTally.allSuites {
                series.append(
                    Point(
                        run: run.runID, startedAt: run.startedAt, suite: tally.suite, metric: tally.metric, judged: tally.judged, failed: tally.failed
                    ))
            }
        }
        let metrics = Set(series.map(\.metric)).sorted { ($0 == MetricTally.infraMetric ? 1 : 0, $0) < ($1 == MetricTally.infraMetric ? 1 : 0, $1) }
        let lastTotals = MetricTally.suiteTotals(history.last?.tallies ?? []).filter { $0.platform == platform }
        let failing = lastTotals.filter { $0.failed > 0 && $0.metric != MetricTally.infraMetric }.map(\.metric).sorted()
        // Pools over the last runs only: they read samples, not tallies (a sticky misrouting shows
        // within a few hourly runs).
        let firstRun = history.suffix(Self.poolRuns).first?.runID ?? 0
        var pools: [PoolRow] = []
        for metric in failing {
            for pool in try store.poolTallies(platform: platform, metric: metric, runs: firstRun...max(firstRun, latest)) {
                pools.append(
                    PoolRow(
                        metric: metric, pool: pool.pool, judged: pool.judged, failed: pool.failed, replicas: pool.replicas,
                        failingReplicas: pool.failingReplicas))
            }
        }
        var worst: [Example] = []
        if platform != reference {
            for metric in failing.prefix(4) {
                for example in try store.worstExamples(
                    platform: platform, reference: reference, metric: metric, suite: nil, since: history.first?.startedAt, limit: 3)
                {
                    worst.append(
                        Example(
                            sampleId: example.sampleID, run: example.runID, suite: example.suite, caseId: example.caseID, metric: metric,
                            value: example.value))
                }
            }
        }
        let data = Data(
            platform: platform, reference: reference, series: series, pools: pools, worst: worst,
            openAlerts: alerts.filter { $0.status == .open }.compactMap(\.id))

        var body = ["<h1>\(HTMLText.escape(platform))\(platform == reference ? " <span class=\"count\">reference</span>" : "")</h1>"]
        body.append(
            "<p class=\"meta\">\(history.count) runs · \(data.openAlerts.count) open alerts · "
                + (platform == reference
                    ? "" : WebPage.link("/compare?a=\(WebPage.component(reference))&b=\(WebPage.component(platform))", "compare with \(reference)"))
                + "</p>")
        let first = history.first?.startedAt ?? 0
        let last = max(history.last?.startedAt ?? 1, first + 1)
        for metric in metrics {
            body.append(
                "<h2>\(HTMLText.escape(metric))\(metric == MetricTally.infraMetric ? " <span class=\"count\">infrastructure</span>" : "")</h2><div class=\"charts\">"
            )
            let suites = Set(series.filter { $0.metric == metric }.map(\.suite)).sorted()
            for suite in [nil] + suites.map(Optional.some) where suite == nil || suites.count > 1 {
                let chart = SVGChart(
                    title: "\(platform) · \(metric) · \(suite ?? "all suites")",
                    series: SVGChart.rates(history, platform: platform, metric: metric, suite: suite),
                    reference: platform == reference ? [] : SVGChart.rates(history, platform: reference, metric: metric, suite: suite),
                    alerts: alerts.filter { $0.metric == metric && (suite == nil || $0.suite == suite || $0.suite == MetricTally.allSuites) }.map {
                        ($0.openedAt, $0.resolvedAt)
                    },
                    timeRange: first...last)
                body.append("<figure><figcaption>\(HTMLText.escape(suite ?? "all suites"))</figcaption>\(chart.render())</figure>")
            }
            body.append("</div>")
        }
        if !pools.isEmpty {
            body.append(
                "<h2>Serving pools <span class=\"count\">metrics that failed in the latest run, over its last \(Self.poolRuns) runs</span></h2>")
            var rows = ["<tr><th>metric</th><th>pool</th><th>failed</th><th>rate</th><th>replicas failing</th></tr>"]
            for pool in pools {
                let rate = pool.judged > 0 ? Double(pool.failed) / Double(pool.judged) : 0
                rows.append(
                    "<tr><td>\(HTMLText.escape(pool.metric))</td><td>\(HTMLText.escape(pool.pool))</td><td class=\"num\">\(pool.failed)/\(pool.judged)</td><td class=\"num \(rate > 0.05 ? "bad" : "")\">\(String(format: "%.2f%%", rate * 100))</td><td class=\"num\">\(pool.failingReplicas)/\(pool.replicas)</td></tr>"
                )
            }
            body.append("<table>\(rows.joined(separator: "\n"))</table>")
        }
        if !worst.isEmpty {
            body.append("<h2>Worst recent samples</h2><ul>")
            for example in worst {
                body.append(
                    "<li>\(WebPage.link("/samples/\(example.sampleId)", "sample \(example.sampleId)")) run \(example.run) · \(HTMLText.escape(example.suite))/\(HTMLText.escape(example.caseId)) · \(HTMLText.escape(example.metric)) = \(HTMLText.escape(JSONText.number(example.value)))</li>"
                )
            }
            body.append("</ul>")
        }
        if !alerts.isEmpty {
            body.append("<h2>Alerts</h2>" + AlertsPage.table(Array(alerts.prefix(50))))
        }
        return WebPage(title: platform, body: body.joined(separator: "\n"), json: ReportJSON.encode(data))
    }
}
