import EvalCore
import EvalStore

/// `/compare?a=&b=`: `evalctl compare`'s result for two platforms: per suite × metric both rates,
/// the difference with its interval, the adjusted p-value, the smallest detectable effect, and the
/// worst examples with their token diff against the reference (each linked to its sample).
enum ComparePage {
    static func page(store: ResultStore, a: String?, b: String?, policy: DecisionPolicy) throws -> WebPage {
        let platforms = try store.platformNames()
        let reference = try store.referencePlatform() ?? platforms.first ?? ""
        let chosenA = a ?? reference
        func options(_ selected: String?) -> String {
            platforms.map { "<option\($0 == selected ? " selected" : "")>\(HTMLText.escape($0))</option>" }.joined()
        }
        let form =
            "<form method=\"get\" action=\"/compare\">A <select name=\"a\">\(options(chosenA))</select> B <select name=\"b\">\(options(b))</select> <button type=\"submit\">Compare</button></form>"
        guard let b else {
            return WebPage(
                title: "Compare", body: "<h1>Compare two platforms</h1>\(form)", json: ReportJSON.encode(["platforms": platforms]))
        }
        for (field, name) in [("a", chosenA), ("b", b)] where !platforms.contains(name) {
            return .problem(.badRequest, "\(field)='\(name.prefix(80))': no platform has that name (known: \(platforms.joined(separator: ", ")))")
        }
        let report = try ComparisonReport.build(store: store, a: chosenA, b: b, suite: nil, since: nil, policy: policy, examples: 3)
        var body = ["<h1>\(HTMLText.escape(b)) vs \(HTMLText.escape(chosenA)) <span class=\"count\">\(report.runs) runs pooled</span></h1>", form]
        if report.rows.isEmpty {
            body.append("<p>No metric was judged on both platforms.</p>")
        } else {
            var rows = [
                "<tr><th>suite</th><th>metric</th><th>\(HTMLText.escape(chosenA))</th><th>\(HTMLText.escape(b))</th><th>Δ points</th><th>95% CI</th><th>DE</th><th>p (Holm)</th><th>detectable (points)</th><th>regression</th></tr>"
            ]
            for row in report.rows {
                rows.append(
                    "<tr class=\"\(row.regression ? "regression" : "")\"><td>\(HTMLText.escape(row.suite))</td><td>\(HTMLText.escape(row.metric))</td><td class=\"num\">\(ComparisonReport.percent(row.a))</td><td class=\"num\">\(ComparisonReport.percent(row.b))</td><td class=\"num\">\(ComparisonReport.signedPoints(row.delta))</td><td class=\"num\">[\(ComparisonReport.signedPoints(row.ciLow)), \(ComparisonReport.signedPoints(row.ciHigh))]</td><td class=\"num\">\(String(format: "%.1f", row.designEffect))</td><td class=\"num\">\(ComparisonReport.pValue(row.adjustedPValue))</td><td class=\"num\">\(row.detectableEffect.map { String(format: "%.1f", $0 * 100) } ?? "none")</td><td>\(row.regression ? "YES" : "no")</td></tr>"
                )
            }
            body.append("<table>\(rows.joined(separator: "\n"))</table>")
            body.append(
                "<p class=\"meta\">Unit: the sample, pooled over the runs, counts divided by each platform's design effect (DE); detectable: the smallest rise in \(HTMLText.escape(b))'s failure rate flagged with power 0.8 at α/\(report.rows.count) — a smaller one could go unseen.</p>"
            )
        }
        body.append(
            "<p><b>\(report.regressed ? "\(HTMLText.escape(b)) REGRESSED against \(HTMLText.escape(chosenA))" : "No regression of \(HTMLText.escape(b)) against \(HTMLText.escape(chosenA))")</b> (Holm α = \(policy.alpha)).</p>"
        )
        for example in report.examples {
            body.append(
                "<h3>Worst: \(WebPage.link("/samples/\(example.sampleID)", "sample \(example.sampleID)")) <span class=\"count\">run \(example.runID) · \(HTMLText.escape(example.suite))/\(HTMLText.escape(example.caseID)) #\(example.sampleIndex) · \(HTMLText.escape(example.metric)) = \(HTMLText.escape(JSONText.number(example.value)))</span></h3><p class=\"meta\">Diff against \(HTMLText.escape(report.reference)): <del>reference only</del> <ins>\(HTMLText.escape(b)) only</ins></p><pre>\(HTMLReport.diffHTML(ComparisonReport.diff(example)))</pre>"
            )
        }
        return WebPage(title: "\(b) vs \(chosenA)", body: body.joined(separator: "\n"), json: report.json())
    }
}
