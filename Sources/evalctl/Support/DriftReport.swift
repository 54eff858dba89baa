import EvalCore
import EvalStore
import Foundation

/// Drift of a stored run: the assessment, as a table or JSON.
enum DriftReport {
    /// Assesses a run: per-sample drift verdicts, plus MMD tests of the outputs of platforms that
    /// reported no log-probabilities against the reference's outputs of the same cases.
    static func assess(store: ResultStore, runID: Int64, reference: String, thresholds: DriftThresholds) throws -> DriftAssessment {
        let tallies = try store.driftTallies(runID: runID)
        let outputs = try store.sampleOutputs(runID: runID)
        var platforms: [String] = []
        for name in outputs.map(\.platform) + tallies.map(\.platform) where !platforms.contains(name) { platforms.append(name) }
        let comparison = OutputComparison(outputs: outputs, reference: reference)
        return DriftAssessment(
            tallies: tallies, distributionTests: comparison.pValues, distributionFloors: comparison.floors, platforms: platforms,
            thresholds: thresholds)
    }

    /// One line per platform, then the suites where a metric failed.
    static func table(_ assessment: DriftAssessment, thresholds: DriftThresholds) -> String {
        // One column per metric and unit: drift-self also per token when calibrated so.
        var columns: [(metric: DriftMetric, unit: DriftAssessment.Unit)] = []
        for metric in DriftMetric.allCases {
            for unit in [DriftAssessment.Unit.sample, .case, .token]
            where assessment.cells.contains(where: { $0.metric == metric && $0.unit == unit }) {
                columns.append((metric, unit))
            }
        }
        var table = TextTable(
            header: ["platform"] + columns.map { "\($0.metric.rawValue) fail" + ($0.unit == .token ? " (tokens)" : "") } + ["p (adj.)", "drift"])
        table.rightAligned = Set(1...(columns.count + 1))
        for verdict in assessment.verdicts {
            var row = [verdict.platform]
            for column in columns {
                if let cell = assessment.cells.first(where: {
                    $0.platform == verdict.platform && $0.suite == "*" && $0.metric == column.metric && $0.unit == column.unit
                }) {
                    row.append("\(cell.failed)/\(cell.judged)")
                } else {
                    row.append("-")
                }
            }
            row.append(pValue(verdict.pValue))
            row.append(verdict.flagged ? "DRIFT (\(verdict.metric?.rawValue ?? "?")\(verdict.unit == .token ? " per token" : ""))" : "ok")
            table.rows.append(row)
        }
        var detail = TextTable(header: ["platform", "suite", "metric", "unit", "failed", "rate", "95% CI", "null", "p"])
        detail.rightAligned = [4, 5, 6, 7, 8]
        for cell in assessment.cells where cell.suite != "*" && cell.failed > 0 && cell.metric != .distribution {
            let interval = cell.interval.map { "\(percent($0.lowerBound))–\(percent($0.upperBound))" } ?? "-"
            detail.rows.append([
                cell.platform, cell.suite, cell.metric.rawValue, cell.unit.rawValue, "\(cell.failed)/\(cell.judged)", cell.rate.map(percent) ?? "-",
                interval,
                percent(cell.nullRate), pValue(cell.pValue),
            ])
        }
        var parts = ["drift against the reference (α = \(thresholds.alpha), thresholds: \(thresholds.source))", "", table.render()]
        if !detail.rows.isEmpty { parts += ["", detail.render()] }
        // The two-sample test's power: what its samples allowed it to see at all.
        for cell in assessment.cells where cell.metric == .distribution && cell.suite == "*" {
            guard let floor = cell.attainablePValue else { continue }
            let power: String
            if floor >= thresholds.alpha {
                power = "it could not have flagged anything (more samples per case, or more cases, are needed)"
            } else if let needed = assessment.casesNeeded[cell.platform] {
                power = "it flags only when at least \(needed) of \(cell.judged) cases differ completely; fewer, or partial differences, go unseen"
            } else {
                power = "no number of completely different cases would reach α"
            }
            parts.append(
                "\(cell.platform): no log-probabilities; drift-mmd (two-sample, per case) over \(cell.judged) cases: smallest attainable p = \(pValue(floor)); \(power)"
            )
        }
        return parts.joined(separator: "\n")
    }

    /// The assessment as a JSON object.
    static func json(_ assessment: DriftAssessment, runID: Int64, thresholds: DriftThresholds, replayNote: String? = nil) -> String {
        typealias Nullable = ReportJSON.Nullable
        struct Verdict: Encodable {
            var platform: String
            @Nullable var pValue: Double?
            @Nullable var metric: String?
            var unit: String
            var flagged: Bool
        }
        struct Cell: Encodable {
            var platform, suite, metric, unit, method: String
            var judged, failed, unavailable: Int
            @Nullable var rate: Double?
            @Nullable var ciLow: Double?
            @Nullable var ciHigh: Double?
            @Nullable var nullRate: Double?
            @Nullable var pValue: Double?
            @Nullable var attainableP: Double?
        }
        struct Report: Encodable {
            var run: Int64
            @Nullable var driftReplay: String?
            @Nullable var alpha: Double?
            var thresholds: String
            var platforms: [Verdict]
            var cells: [Cell]
        }
        let finite = ReportJSON.finite
        let report = Report(
            run: runID, driftReplay: replayNote, alpha: finite(thresholds.alpha), thresholds: thresholds.source,
            platforms: assessment.verdicts.map {
                Verdict(platform: $0.platform, pValue: finite($0.pValue), metric: $0.metric?.rawValue, unit: $0.unit.rawValue, flagged: $0.flagged)
            },
            cells: assessment.cells.map {
                Cell(
                    platform: $0.platform, suite: $0.suite, metric: $0.metric.rawValue, unit: $0.unit.rawValue, method: $0.metric.method,
                    judged: $0.judged, failed: $0.failed, unavailable: $0.unavailable, rate: finite($0.rate), ciLow: finite($0.interval?.lowerBound),
                    ciHigh: finite($0.interval?.upperBound), nullRate: finite($0.nullRate), pValue: finite($0.pValue),
                    attainableP: finite($0.attainablePValue))
            }
        )
        return ReportJSON.encode(report)
    }

    static func percent(_ rate: Double) -> String {
        rate < 0.001 && rate > 0 ? String(format: "%.2f%%", rate * 100) : String(format: "%.1f%%", rate * 100)
    }

    static func pValue(_ p: Double) -> String {
        p >= 0.001 ? String(format: "%.3f", p) : String(format: "%.1e", p)
    }
}
