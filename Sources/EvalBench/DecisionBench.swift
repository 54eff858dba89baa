import EvalCore
import EvalStore
import Foundation
import GRDB

/// `evalctl compare` and `evalctl gate` on a store of 10 million samples, timed end to end (process
/// start, store open, queries, output) against `evalctl --version`, the cost of starting the process.
///
/// The store is generated once into `.build/bench/` (4 platforms × 5 suites × 50 cases × 5 samples
/// per run, 2,000 hourly runs, two scores per sample) and reused while its generator version matches.
enum DecisionBench {
    static let version = 1
    static let runs = 2_000
    static let platforms = ["reference", "gpu-h100", "tpu-v5e", "trainium"]
    static let suites = ["code", "determinism", "english-prose", "long-context", "multilingual"]
    static let casesPerSuite = 50
    static let samplesPerCase = 5
    static var samplesPerRun: Int { platforms.count * suites.count * casesPerSuite * samplesPerCase }

    /// The 10-million-sample store, generated on first use (about 5 minutes).
    ///
    /// - Returns: Its path.
    static func store() async throws -> String {
        let path = ".build/bench/history-10m-v\(version).sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            let started = ContinuousClock.now
            try await generate(path: path)
            print("  generated \(path) in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s", to: &StandardError.shared)
        }
        return path
    }

    static func run(into table: inout BenchTable) async throws {
        let executable = EvalctlBinary.path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            table.add("compare / gate over 10M samples", "not measured", note: "\(executable) is missing: build the evalctl product in release first")
            return
        }
        let path = try await store()
        let baseline = try median(executable, ["--version"])
        let compare = try median(executable, ["compare", "reference", "tpu-v5e", "--store", path, "--format", "json"])
        let gate = try median(executable, ["gate", "--candidate", "tpu-v5e", "--store", path], allowedStatus: [0, 1])
        let samples = runs * samplesPerRun
        for (name, seconds) in [("compare over 10M samples", compare), ("gate over 10M samples", gate)] {
            table.add(
                name, String(format: "%.0f ms (%.1f× process start, %.0f ms)", seconds * 1000, seconds / baseline, baseline * 1000),
                goal: "≤ 200 ms", met: seconds <= 0.2,
                note: "\(samples / 1_000_000)M samples, \(runs) runs; median of 5, end to end; reads run/case tallies, not samples"
            )
        }
    }

    /// Median wall time of 5 runs of evalctl (after one warm-up).
    static func median(_ executable: String, _ arguments: [String], allowedStatus: Set<Int32> = [0]) throws -> Double {
        var times: [Double] = []
        for round in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            let started = ContinuousClock.now
            try process.run()
            process.waitUntilExit()
            let seconds = (ContinuousClock.now - started).seconds
            guard allowedStatus.contains(process.terminationStatus) else {
                throw BenchError("evalctl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
            }
            if round > 0 { times.append(seconds) }
        }
        return times.sorted()[times.count / 2]
    }

    /// Writes the synthetic history with bulk inserts (one transaction per 50 runs), then its tallies.
    static func generate(path: String) async throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let partial = path + ".partial"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
        let store = try ResultStore(path: partial)
        guard let writer = store.sqliteWriter else { throw BenchError("\(partial) did not open as SQLite") }
        let start = 1_700_000_000.0
        try await writer.write { db in
            for (index, name) in platforms.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO platform (id, name, protocol, baseURL, model, isReference) VALUES (?, ?, 'openai-chat', 'http://127.0.0.1:9/v1', 'bench', ?)",
                    arguments: [index + 1, name, index == 0]
                )
            }
            for (index, suite) in suites.enumerated() {
                try db.execute(
                    sql: "INSERT INTO suite (id, suiteKey, version, description) VALUES (?, ?, 1, ?)", arguments: [index + 1, suite, suite])
            }
            try db.execute(sql: "INSERT INTO prompt (hash, text) VALUES ('bench', 'a benchmark prompt')")
        }
        var generator = SplitMix64(seed: 2025)
        var sampleID: Int64 = 0
        for batch in stride(from: 0, to: runs, by: 50) {
            let first = (sampleID: sampleID, generator: generator)
            (sampleID, generator) = try await writer.write { db in
                var (sampleID, generator) = first
                let insertRun = try db.makeStatement(
                    sql: "INSERT INTO run (id, startedAt, endedAt, status, evalctlVersion, configHash) VALUES (?, ?, ?, 'complete', 'bench', 'bench')"
                )
                let insertSample = try db.makeStatement(
                    sql: """
                        INSERT INTO sample (id, runID, platformID, suiteID, caseID, sampleIndex, promptHash, seed, output, finishReason, latency, attempts, errorClass, createdAt)
                        VALUES (?, ?, ?, ?, ?, ?, 'bench', ?, ?, 'stop', 0.1, 1, ?, ?)
                        """
                )
                let insertScore = try db.makeStatement(sql: "INSERT INTO score (sampleID, scorer, value, passed, details) VALUES (?, ?, ?, ?, '{}')")
                for run in batch..<min(batch + 50, runs) {
                    let runID = Int64(run + 1)
                    let time = start + Double(run) * 3600
                    try insertRun.execute(arguments: [runID, time, time + 60])
                    for platform in 1...platforms.count {
                        // tpu-v5e degrades over the last 200 runs.
                        let degraded = platform == 3 && run >= runs - 200
                        for suite in 1...suites.count {
                            for caseIndex in 0..<casesPerSuite {
                                for sampleIndex in 0..<samplesPerCase {
                                    sampleID += 1
                                    let infra = generator.nextUniform() < 0.002
                                    try insertSample.execute(arguments: [
                                        sampleID, runID, platform, suite, "case-\(caseIndex)", sampleIndex, sampleIndex,
                                        infra ? nil : "output \(sampleID)", infra ? "timeout" : nil, time,
                                    ])
                                    if infra { continue }
                                    let mixFailed = generator.nextUniform() < (degraded ? 0.03 : 0.005)
                                    let driftFailed = generator.nextUniform() < (degraded ? 0.02 : 0.0005)
                                    try insertScore.execute(arguments: [sampleID, "language-mix", mixFailed ? 1.0 : 0.0, !mixFailed])
                                    try insertScore.execute(arguments: [sampleID, "drift-nucleus", driftFailed ? 1.0 : 0.0, !driftFailed])
                                }
                            }
                        }
                    }
                }
                return (sampleID, generator)
            }
            try await store.rebuildTallies(runIDs: (batch..<min(batch + 50, runs)).map { Int64($0 + 1) })
        }
        try await writer.write { db in try db.execute(sql: "ANALYZE") }
        // Everything into the main file, so it can be renamed with nothing left in the WAL.
        try await writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
