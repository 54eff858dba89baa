import EvalCore
import EvalStore
import Foundation

/// A small time-series chart as inline SVG: a platform's failure rate per run, the reference's
/// for comparison, and markers where alerts opened.
struct SVGChart {
    struct Point {
        var time: Double
        var rate: Double
    }

    var title: String
    var series: [Point]
    var reference: [Point]
    /// Times at which alerts opened, and closed (nil: still open).
    var alerts: [(opened: Double, resolved: Double?)]
    var timeRange: ClosedRange<Double>

    static let width = 360.0
    static let height = 150.0
    static let left = 46.0
    static let right = 8.0
    static let top = 20.0
    static let bottom = 22.0

    func render() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let highest = max(0.01, (series + reference).map(\.rate).max() ?? 0) * 1.1
        let span = max(timeRange.upperBound - timeRange.lowerBound, 1)
        func x(_ time: Double) -> Double { Self.left + (time - timeRange.lowerBound) / span * plotWidth }
        func y(_ rate: Double) -> Double { Self.top + plotHeight - rate / highest * plotHeight }
        func polyline(_ points: [Point], style: String) -> String {
            guard !points.isEmpty else { return "" }
            if points.count == 1 {
                return "<circle cx=\"\(f(x(points[0].time)))\" cy=\"\(f(y(points[0].rate)))\" r=\"2.5\" \(style)/>"
            }
            let coordinates = points.map { "\(f(x($0.time))),\(f(y($0.rate)))" }.joined(separator: " ")
            return "<polyline fill=\"none\" points=\"\(coordinates)\" \(style)/>"
        }
        var parts: [String] = []
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(Self.width))\" height=\"\(f(Self.height))\" viewBox=\"0 0 \(f(Self.width)) \(f(Self.height))\" role=\"img\">"
        )
        parts.append("<title>\(HTMLText.escape(title))</title>")
        parts.append(
            "<rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
        )
        for alert in alerts {
            let start = x(alert.opened)
            let end = x(alert.resolved ?? timeRange.upperBound)
            parts.append(
                "<rect class=\"open\" x=\"\(f(start))\" y=\"\(f(Self.top))\" width=\"\(f(max(2, end - start)))\" height=\"\(f(plotHeight))\" fill=\"#fde0dc\"/>"
            )
        }
        for fraction in [0.0, 0.5, 1.0] {
            let rate = highest / 1.1 * fraction
            parts.append(
                "<line x1=\"\(f(Self.left))\" x2=\"\(f(Self.left + plotWidth))\" y1=\"\(f(y(rate)))\" y2=\"\(f(y(rate)))\" stroke=\"#e4e4e4\"/>")
            parts.append(
                "<text x=\"\(f(Self.left - 4))\" y=\"\(f(y(rate) + 4))\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">\(String(format: "%.3g", rate * 100))%</text>"
            )
        }
        parts.append(polyline(reference, style: "stroke=\"#9a9a9a\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\" fill=\"#9a9a9a\""))
        parts.append(polyline(series, style: "stroke=\"#1f5fbf\" stroke-width=\"2\" fill=\"#1f5fbf\""))
        for alert in alerts {
            let markerX = x(alert.opened)
            parts.append(
                "<path class=\"alert\" d=\"M\(f(markerX - 6)),\(f(Self.top - 12)) L\(f(markerX + 6)),\(f(Self.top - 12)) L\(f(markerX)),\(f(Self.top - 1)) Z\" fill=\"#d62728\"/>"
            )
        }
        parts.append(
            "<text x=\"\(f(Self.left))\" y=\"\(f(Self.height - 6))\" font-size=\"10\" fill=\"#555\">\(HTMLText.escape(Self.date(timeRange.lowerBound)))</text>"
        )
        parts.append(
            "<text x=\"\(f(Self.left + plotWidth))\" y=\"\(f(Self.height - 6))\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">\(HTMLText.escape(Self.date(timeRange.upperBound)))</text>"
        )
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A platform's failure rate on a metric in each run that judged it: one suite's, or all
    /// suites summed (`suite` nil).
    static func rates(_ runs: [RunTallies], platform: String, metric: String, suite: String? = nil) -> [Point] {
        runs.compactMap { run in
            let tallies = run.tallies.filter {
                $0.platform == platform && $0.metric == metric && $0.suite != MetricTally.allSuites && (suite == nil || $0.suite == suite)
            }
            let judged = tallies.reduce(0) { $0 + $1.judged }
            guard judged > 0 else { return nil }
            return Point(time: run.startedAt, rate: Double(tallies.reduce(0) { $0 + $1.failed }) / Double(judged))
        }
    }

    static func date(_ seconds: Double) -> String {
        let style = Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: TimeZone(identifier: "UTC") ?? .current)
        return Date(timeIntervalSince1970: seconds).formatted(style) + " UTC"
    }
}
