import EvalCore
import Foundation

/// A gate's verdict as text for the log, JUnit XML for CI test reporters, and Markdown for a CI
/// step summary.
struct GateReport {
    var evaluation: GateEvaluation
    var runID: Int64
    var policy: DecisionPolicy

    var title: String {
        switch evaluation.verdict {
        case .pass: "PASS"
        case .regression: "FAIL: quality regression"
        case .infrastructure: "ERROR: cannot judge"
        case .underpowered: "ERROR: cannot judge (too few samples)"
        }
    }

    func pairs(_ row: ComparisonRow) -> Int { evaluation.pairs[row.key] ?? 0 }

    /// The row's minimum detectable effect, in points.
    func detectable(_ row: ComparisonRow) -> String {
        guard let effect = evaluation.detectable[row.key] else { return "-" }
        return effect.isFinite ? "≤" + GateEvaluation.points(effect) : "none"
    }

    func text() -> String {
        var lines = ["evalctl gate: \(evaluation.candidate) vs \(evaluation.baseline), run \(runID): \(title)"]
        if let reason = evaluation.infraReason { lines.append("  \(reason)") }
        var table = TextTable(header: [
            "suite", "metric", evaluation.baseline, evaluation.candidate, "delta", "cases", "p (paired)", "p (Holm)", "detectable", "regression",
        ])
        table.rightAligned = [2, 3, 4, 5, 6, 7, 8]
        for row in evaluation.rows {
            table.rows.append([
                row.suite, row.metric, ComparisonReport.percent(row.a), ComparisonReport.percent(row.b), ComparisonReport.signedPoints(row.delta),
                String(pairs(row)), ComparisonReport.pValue(row.pValue), ComparisonReport.pValue(row.adjustedPValue), detectable(row),
                row.regression ? "YES" : "no",
            ])
        }
        if !evaluation.rows.isEmpty { lines.append(table.render()) }
        lines.append(
            "infrastructure errors: \(String(format: "%.2f", evaluation.infraErrorRate * 100))% (limit \(String(format: "%.1f", policy.maximumInfraErrorRate * 100))%); "
                + "regression = paired sign-flip p over cases (unit: the case; metrics with a known or historical null rate: or a binomial test against it, ×2) (Holm) < \(policy.alpha) and delta ≥ \(ComparisonReport.signedPoints(policy.minimumEffect)) points"
        )
        lines.append(
            evaluation.historyRuns > 0
                ? "null rates: calibrated, raised to \(evaluation.baseline)'s own rate where higher (this run, and its \(evaluation.historyRuns) earlier complete runs at the upper end of their 95% interval)"
                : "null rates: calibrated, raised to \(evaluation.baseline)'s own rate in this run where higher (no earlier runs of \(evaluation.baseline) in the store)"
        )
        lines.append(
            "detectable = the smallest increase in failure rate (points, added to every candidate sample) this run flags with power 0.8 at p < "
                + "\(ComparisonReport.pValue(evaluation.detectableLevel)) (α over \(evaluation.rows.count) rows); a smaller regression could pass unseen"
                + (policy.maximumUndetectableEffect < 1
                    ? "; the gate cannot pass above \(GateEvaluation.points(policy.maximumUndetectableEffect)) points" : "")
        )
        return lines.joined(separator: "\n")
    }

    /// JUnit XML: one test case per suite × metric, failed when it regressed; an infrastructure
    /// verdict is one test case in error.
    func junit() -> String {
        var cases: [String] = []
        var failures = 0
        var errors = 0
        if let reason = evaluation.infraReason {
            errors += 1
            cases.append(
                "    <testcase classname=\"evalctl.gate\" name=\"infrastructure\" time=\"0\">\n      <error type=\"infrastructure\" message=\"\(XMLText.escape(reason))\"/>\n    </testcase>"
            )
        }
        for row in evaluation.rows {
            var testCase = "    <testcase classname=\"evalctl.gate.\(XMLText.escape(row.suite))\" name=\"\(XMLText.escape(row.metric))\" time=\"0\">"
            let summary =
                "\(evaluation.candidate) \(ComparisonReport.percent(row.b)) vs \(evaluation.baseline) \(ComparisonReport.percent(row.a)), "
                + "delta \(ComparisonReport.signedPoints(row.delta)) points, paired p \(ComparisonReport.pValue(row.pValue)) (Holm \(ComparisonReport.pValue(row.adjustedPValue))) over \(pairs(row)) cases, "
                + "detectable \(detectable(row)) points"
            if row.regression {
                failures += 1
                testCase += "\n      <failure type=\"regression\" message=\"\(XMLText.escape(summary))\">\(XMLText.escape(summary))</failure>\n    "
            } else {
                testCase += "\n      <system-out>\(XMLText.escape(summary))</system-out>\n    "
            }
            cases.append(testCase + "</testcase>")
        }
        let name = XMLText.escape("evalctl gate \(evaluation.candidate) vs \(evaluation.baseline) (run \(runID))")
        let count = cases.count
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="evalctl" tests="\(count)" failures="\(failures)" errors="\(errors)">
              <testsuite name="\(name)" tests="\(count)" failures="\(failures)" errors="\(errors)" skipped="0">
            \(cases.joined(separator: "\n"))
              </testsuite>
            </testsuites>

            """
    }

    func markdown() -> String {
        let icon = evaluation.verdict == .pass ? "✅" : evaluation.verdict == .regression ? "❌" : "⚠️"
        var lines = [
            "## \(icon) evalctl gate: \(MarkdownText.inline(evaluation.candidate)) vs \(MarkdownText.inline(evaluation.baseline)) — \(title)", "",
        ]
        lines.append(
            "Run \(runID). Regression = paired sign-flip p (drift metrics: or an exact binomial test against the calibrated null rate, ×2) (Holm) < \(policy.alpha) and an increase of at least \(ComparisonReport.signedPoints(policy.minimumEffect)) points in failure rate."
        )
        if let reason = evaluation.infraReason { lines += ["", "**Cannot judge:** \(MarkdownText.inline(reason))"] }
        lines += ["", MarkdownText.table(rows: evaluation.rows, a: evaluation.baseline, b: evaluation.candidate)]
        let pooled = evaluation.rows.filter { $0.suite == MetricTally.allSuites }.map { "\(MarkdownText.inline($0.metric)) \(detectable($0))" }
        if !pooled.isEmpty {
            lines += [
                "",
                "Smallest regression this run detects with power 0.8, in points over all its cases: \(pooled.joined(separator: ", ")); a smaller one could pass unseen.",
            ]
        }
        lines += [
            "",
            "Infrastructure errors: \(String(format: "%.2f", evaluation.infraErrorRate * 100))% of \(MarkdownText.inline(evaluation.candidate))'s requests.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Text for XML attributes and elements.
enum XMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t", "\r": result += "&#\(scalar.value);"
            default:
                // XML 1.0 allows no other control characters, not even escaped.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
