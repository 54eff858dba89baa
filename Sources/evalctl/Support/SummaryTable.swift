import EvalCore
import EvalStore
import Foundation

/// The per-platform table printed at the end of a sweep.
enum SummaryTable {
    static func render(_ report: RunReport, suites: Int, elapsed: Double, store: String) -> String {
        let scorerNames = Array(Set(report.lines.flatMap { $0.scorers.keys })).sorted()
        // Streamed platforms add their time to first token and between tokens.
        let streamed = report.lines.contains { !$0.timesToFirstToken.isEmpty }
        let streamHeader = streamed ? ["ttft p50 ms", "itl p50 ms"] : []
        var table = TextTable(
            header: ["platform", "ref", "samples", "ok", "infra err", "p50 ms", "p95 ms"] + streamHeader + ["tokens", "cut"]
                + scorerNames.map { "\($0) fail" })
        table.rightAligned = Set(2..<(9 + streamHeader.count + scorerNames.count))
        for line in report.lines {
            let errors = line.errors.values.reduce(0, +)
            let breakdown: String = line.errors.keys.sorted().map { key in "\(key) \(line.errors[key] ?? 0)" }.joined(separator: ", ")
            var row: [String] = [
                line.platform, line.isReference ? "*" : "", "\(line.samples)", "\(line.completed)",
                errors == 0 ? "0" : "\(errors) (\(breakdown))",
                Quantiles.quantile(line.latencies, 0.5).map { format($0 * 1000, 1) } ?? "-",
                Quantiles.quantile(line.latencies, 0.95).map { format($0 * 1000, 1) } ?? "-",
            ]
            if streamed {
                row.append(Quantiles.quantile(line.timesToFirstToken, 0.5).map { format($0 * 1000, 1) } ?? "-")
                row.append(Quantiles.quantile(line.interTokenGaps, 0.5).map { format($0 * 1000, 1) } ?? "-")
            }
            row += [
                line.meanTokens.map { format($0, 1) } ?? "-",
                line.completed == 0 ? "-" : percent(Double(line.truncated) / Double(line.completed)),
            ]
            for name in scorerNames {
                if let proportion = line.scorers[name], let rate = proportion.rate {
                    row.append("\(percent(rate)) (\(proportion.failures)/\(proportion.trials))")
                } else {
                    row.append("-")
                }
            }
            table.rows.append(row)
        }
        let total = report.lines.reduce(0) { $0 + $1.samples }
        let head =
            "run \(report.run.id ?? 0) · \(report.run.status.rawValue) · \(report.lines.count) platforms × \(suites) suites · \(total) samples in \(format(elapsed, 1)) s"
        return [head, "", table.render(), "", "stored in \(store)  ·  evalctl show <sample-id>  ·  evalctl runs"].joined(separator: "\n")
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    static func percent(_ rate: Double) -> String {
        String(format: "%.1f%%", rate * 100)
    }
}
