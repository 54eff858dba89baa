import EvalCore
import Foundation
import GRDB

/// `evalctl-bench drift-power`: how well drift tells each quantization of the real engine from the
/// healthy ones, from the samples `make run-engine` and `evalctl engine calibrate` stored.
///
/// Per platform of the latest engine sweep and per statistic (the sample's mean |log-probability
/// gap| to the F16 reference, teacher-forced): the AUC of one sample against the healthy pool (Q8_0,
/// Q4_1 and the reference itself, every stored run, the platform's own samples left out) and the
/// detection rate of a test on the mean of k samples at a 1% false-alarm rate.
enum DriftPowerBench {
    static let healthy = ["f16", "f16-twin", "q8_0", "q4_1"]
    static let sampleCounts = [1, 2, 3, 5, 10, 30]

    static func run(into table: inout BenchTable) throws {
        let path = ProcessInfo.processInfo.environment["EVALCTL_ENGINE_STORE"] ?? "results/engine/evalctl.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            table.add("drift power, real engine", "not measured", note: "no \(path): run `make run-engine` first")
            return
        }
        let database = try DatabaseQueue(
            path: path,
            configuration: {
                var c = Configuration(); c.readonly = true; return c
            }())
        let rows = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.name AS platform, s.runID AS run, sc.value AS value, json_extract(sc.details, '$.aligned') AS tokens
                    FROM score sc JOIN sample s ON s.id = sc.sampleID JOIN platform p ON p.id = s.platformID
                    WHERE sc.scorer = 'drift-logprob'
                    """
            )
        }
        let samples = rows.map {
            (platform: $0["platform"] as String, run: $0["run"] as Int64, value: $0["value"] as Double, tokens: ($0["tokens"] as Int?) ?? 0)
        }
        guard let sweep = samples.filter({ $0.platform == "q4_0" }).map(\.run).max() else {
            table.add("drift power, real engine", "not measured", note: "no Q4_0 samples in \(path): run `make run-engine` first")
            return
        }
        let tokens = samples.filter { $0.run == sweep }.map(\.tokens)
        let meanTokens = tokens.isEmpty ? 0 : Double(tokens.reduce(0, +)) / Double(tokens.count)
        for platform in ["q8_0", "q4_1", "q4_0"] {
            let candidate = samples.filter { $0.platform == platform && $0.run == sweep }.map(\.value)
            let pool = samples.filter { healthy.contains($0.platform) && $0.platform != platform }.map(\.value)
            guard let curve = DetectionCurve(candidate: candidate, healthy: pool, sampleCounts: sampleCounts) else { continue }
            let points = curve.points.map { "\($0.samples): \(String(format: "%.0f%%", $0.detectionRate * 100))" }.joined(separator: ", ")
            table.add(
                "drift power, \(platform) vs F16 (mean logprob gap)",
                String(format: "AUC %.3f; detected at 1%% false alarms with k samples (≈%.0f tokens each) — %@", curve.auc, meanTokens, points),
                note: "\(candidate.count) samples of run \(sweep); healthy pool \(pool.count) samples"
            )
        }
    }
}
