import EvalCore
import EvalStore
import Foundation

/// Thresholds from healthy runs: the noise floor each drift metric is tested against.
enum DriftCalibrator {
    struct Result {
        var thresholds: DriftThresholds
        var summary: String
    }

    static let confidence = 0.999

    static func calibrate(store: ResultStore, runIDs: [Int64], platforms: [String]) throws -> Result {
        var thresholds = DriftThresholds()
        let ordered = runIDs.sorted()
        let tuning = ordered.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let measuring = ordered.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        // The log-probability gap: three times the 99.9th percentile of healthy samples in the tuning half.
        let tuningGaps = try store.driftScores(runIDs: tuning, platforms: platforms, metric: .logprob, includeUnjudged: true).map(\.value)
        if let high = Quantiles.quantile(tuningGaps, 0.999) {
            thresholds.meanLogprobGap = max(0.02, (3 * high * 1000).rounded(.up) / 1000)
        }
        var table = TextTable(header: ["metric", "samples", "failed", "rate", "null rate (99.9% bound)"])
        table.rightAligned = [1, 2, 3, 4]
        var rates: [String: Double] = [:]
        for metric in DriftMetric.allCases where metric != .distribution {
            let scores = try store.driftScores(
                runIDs: metric == .logprob ? measuring : ordered, platforms: platforms, metric: metric, includeUnjudged: metric == .logprob
            )
            let failed = metric == .logprob ? scores.filter { $0.value > thresholds.meanLogprobGap }.count : scores.filter { !$0.passed }.count
            guard !scores.isEmpty else { continue }
            let bound = BinomialTest.upperBound(successes: failed, trials: scores.count, confidence: confidence)
            rates[metric.rawValue] = bound
            table.rows.append([
                metric.rawValue, "\(scores.count)", "\(failed)", String(format: "%.4f%%", Double(failed) / Double(scores.count) * 100),
                String(format: "%.4f%%", bound * 100),
            ])
        }
        thresholds.nullRates = rates
        let date = ISO8601DateFormatter().string(from: Date())
        let scope = platforms.isEmpty ? "all platforms" : platforms.joined(separator: ", ")
        thresholds.source = "calibrated \(date) on runs \(ordered.map(String.init).joined(separator: ",")) (\(scope))"
        let summary = [
            "drift calibration over \(ordered.count) runs (\(scope)); log-probability gap threshold \(thresholds.meanLogprobGap) nats (from runs \(tuning.map(String.init).joined(separator: ",")))",
            "",
            table.render(),
        ].joined(separator: "\n")
        return Result(thresholds: thresholds, summary: summary)
    }
}
