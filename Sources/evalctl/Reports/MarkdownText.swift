import EvalCore
import Foundation

/// Markdown for CI step summaries and pull requests.
///
/// Names and model output are untrusted:
/// inline text has Markdown and HTML characters escaped, blocks are fenced longer than any run
/// of backticks they contain.
enum MarkdownText {
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!": result += "\\" + String(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    static func fenced(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + TerminalText.escape(text) + "\n" + fence
    }

    /// A comparison table.
    static func table(rows: [ComparisonRow], a: String, b: String) -> String {
        guard !rows.isEmpty else { return "_No metric was judged on both platforms._" }
        var lines = ["| suite | metric | \(inline(a)) | \(inline(b)) | delta | 95% CI | p (Holm) | |", "|---|---|---:|---:|---:|---:|---:|---|"]
        for row in rows {
            lines.append(
                "| \(inline(row.suite)) | \(inline(row.metric)) | \(ComparisonReport.percent(row.a)) | \(ComparisonReport.percent(row.b)) | "
                    + "\(ComparisonReport.signedPoints(row.delta)) | [\(ComparisonReport.signedPoints(row.ciLow)), \(ComparisonReport.signedPoints(row.ciHigh))] | "
                    + "\(ComparisonReport.pValue(row.adjustedPValue)) | \(row.regression ? "❌ regression" : "✅") |"
            )
        }
        return lines.joined(separator: "\n")
    }
}
