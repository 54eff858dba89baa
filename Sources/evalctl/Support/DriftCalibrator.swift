import EvalCore
import EvalStore
import Foundation

/// Thresholds from healthy stored runs (``DriftCalibration``), with the table `evalctl calibrate` prints.
enum DriftCalibrator {
    struct Result {
        var thresholds: DriftThresholds
        var summary: String
    }

    static func calibrate(store: ResultStore, runIDs: [Int64], platforms: [String]) throws -> Result {
        let calibration = try DriftCalibration(runIDs: runIDs) { runs, metric, includeUnjudged in
            try store.driftScores(runIDs: runs, platforms: platforms, metric: metric, includeUnjudged: includeUnjudged).map {
                DriftCalibration.StoredScore(value: $0.value, passed: $0.passed, details: $0.details)
            }
        }
        var thresholds = calibration.thresholds
        var table = TextTable(header: ["metric", "unit", "judged", "failed", "rate", "null rate (99.9% bound)"])
        table.rightAligned = [2, 3, 4, 5]
        for row in calibration.rows {
            table.rows.append([
                row.metric.rawValue, row.unit.rawValue, "\(row.judged)", "\(row.failed)",
                String(format: "%.4f%%", Double(row.failed) / Double(row.judged) * 100),
                String(format: "%.4f%%", row.bound * 100),
            ])
        }
        let ordered = runIDs.sorted()
        let date = ISO8601DateFormatter().string(from: Date())
        let scope = platforms.isEmpty ? "all platforms" : platforms.joined(separator: ", ")
        thresholds.source = "calibrated \(date) on runs \(ordered.map(String.init).joined(separator: ",")) (\(scope))"
        let summary = [
            "drift calibration over \(ordered.count) runs (\(scope)); log-probability gap threshold \(thresholds.meanLogprobGap) nats (from runs \(calibration.tuningRuns.map(String.init).joined(separator: ",")))",
            "",
            table.render(),
        ].joined(separator: "\n")
        return Result(thresholds: thresholds, summary: summary)
    }
}
