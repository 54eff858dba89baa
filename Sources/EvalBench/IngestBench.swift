import EvalCore
import EvalPostgres
import EvalStore
import Foundation
import GRDB

/// Store ingest: samples and their scores written through the sweep's recorder (group commit,
/// 64 samples in flight) against the same rows written by one prepared-statement loop in a single
/// transaction, the fastest the store's schema allows, measured in the same run.
enum IngestBench {
    static let samples = 60_000
    static let scoresPerSample = 4

    static func run(into table: inout BenchTable) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let suite = Suite(
            id: "ingest", version: 1, description: "ingest",
            defaults: SamplingParameters(maxTokens: 64, samples: 1),
            cases: (0..<50).map { EvalCase(id: "case-\($0)", prompt: .text("A prompt for the ingest benchmark, number \($0).")) }
        )
        let platforms = ["reference", "gpu-h100", "tpu-v5e", "trainium"]
        let configuration = EvalConfiguration(
            reference: platforms[0], platforms: platforms.map { PlatformConfiguration(name: $0, baseURL: "http://127.0.0.1:9/v1", model: "bench") }
        )
        let output = String(repeating: "A plain English answer of about a paragraph. ", count: 12)
        let results = (0..<samples).map { index -> (SampleResult, [Score]) in
            let evalCase = suite.cases[index % suite.cases.count]
            let work = WorkItem(
                platform: platforms[index % platforms.count], suiteID: suite.id, suiteVersion: 1, evalCase: evalCase, sampleIndex: index,
                sampling: suite.defaults, seed: UInt64(index), routingKey: "rk-\(index % 64)"
            )
            let completion = Completion(
                text: output, finishReason: "stop", reportedModel: "bench", servedBy: "p/pool-a/replica-0", completionTokens: 120)
            let scores = ["language-mix", "drift-self", "drift-nucleus", "drift-logprob"].map {
                Score(scorer: $0, value: 0, passed: true, details: "{\"spans\": []}")
            }
            return (SampleResult(work: work, outcome: .success(completion), latency: 0.1, attempts: 1), scores)
        }
        let rows = Double(samples * (1 + scoresPerSample))

        // The recorder, as a sweep drives it.
        let store = try ResultStore(path: folder.appendingPathComponent("recorder.sqlite").path)
        let recorder = try await store.beginRun(
            configuration: configuration, suites: [suite], provenance: .init(evalctlVersion: "bench", gitCommit: nil, gitDirty: nil, host: nil),
            startedAt: 0
        )
        let recorderSeconds = try await drive(recorder, with: results)
        let commits = await recorder.commits

        // The baseline: the same rows in one transaction, one prepared statement per table.
        let bulk = try ResultStore(path: folder.appendingPathComponent("bulk.sqlite").path)
        let bulkRecorder = try await bulk.beginRun(
            configuration: configuration, suites: [suite], provenance: .init(evalctlVersion: "bench", gitCommit: nil, gitDirty: nil, host: nil),
            startedAt: 0
        )
        let runID = bulkRecorder.runID
        let bulkStarted = ContinuousClock.now
        guard let bulkWriter = bulk.sqliteWriter else { throw BenchError("the bulk store did not open as SQLite") }
        try await bulkWriter.write { db in
            for evalCase in suite.cases {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO prompt (hash, text) VALUES (?, ?)",
                    arguments: [evalCase.prompt.contentHash, evalCase.prompt.flattened])
            }
            let insertSample = try db.makeStatement(
                sql: """
                    INSERT INTO sample (runID, platformID, suiteID, caseID, sampleIndex, promptHash, seed, routingKey, output, finishReason, latency, attempts, servedBy, reportedModel, completionTokens, createdAt)
                    VALUES (?, (SELECT id FROM platform WHERE name = ?), 1, ?, ?, ?, ?, ?, ?, 'stop', 0.1, 1, ?, 'bench', 120, 0)
                    """
            )
            let insertScore = try db.makeStatement(sql: "INSERT INTO score (sampleID, scorer, value, passed, details) VALUES (?, ?, ?, ?, ?)")
            for (result, scores) in results {
                try insertSample.execute(arguments: [
                    runID, result.work.platform, result.work.evalCase.id, result.work.sampleIndex, result.work.evalCase.prompt.contentHash,
                    Int64(result.work.seed), result.work.routingKey, output, "p/pool-a/replica-0",
                ])
                let sampleID = db.lastInsertedRowID
                for score in scores { try insertScore.execute(arguments: [sampleID, score.scorer, score.value, score.passed, score.details]) }
            }
        }
        let bulkSeconds = (ContinuousClock.now - bulkStarted).seconds
        let rate = rows / recorderSeconds
        table.add(
            "store ingest (sweep recorder)",
            String(
                format: "%.0fk rows/s (%.2f× the bulk loop's %.0fk rows/s)", rate / 1000, recorderSeconds / bulkSeconds, rows / bulkSeconds / 1000),
            goal: "≥200k rows/s", met: rate >= 200_000,
            note:
                "\(samples / 1000)k samples × (1 sample + \(scoresPerSample) score rows), 64 in flight, group commit (\(commits.samples / max(1, commits.transactions)) samples per transaction); baseline: one transaction, prepared statements"
        )
        try await postgres(results: results, rows: rows, suite: suite, configuration: configuration, into: &table)
    }

    /// The recorder on PostgreSQL (the throwaway cluster `make bench` starts), against multi-row
    /// inserts of the same rows in one transaction, in the same run.
    static func postgres(
        results: [(SampleResult, [Score])], rows: Double, suite: Suite, configuration: EvalConfiguration, into table: inout BenchTable
    ) async throws {
        guard let server = ProcessInfo.processInfo.environment["EVALCTL_BENCH_POSTGRES_URL"], let base = try? PostgresURL(server) else {
            table.add("store ingest, PostgreSQL", "not measured", note: "no EVALCTL_BENCH_POSTGRES_URL (make bench starts a throwaway cluster)")
            return
        }
        func freshStore(_ name: String) throws -> ResultStore {
            try PostgresDatabase.recreate(database: name, on: base, password: nil)
            var url = base
            url.database = name
            return ResultStore(database: try PostgresDatabase(url: url, password: nil, createIfMissing: true))
        }
        let provenance = ResultStore.Provenance(evalctlVersion: "bench", gitCommit: nil, gitDirty: nil, host: nil)
        let store = try freshStore("evalctl_bench_recorder")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 0)
        let recorderSeconds = try await drive(recorder, with: results)
        let commits = await recorder.commits

        let bulk = try freshStore("evalctl_bench_bulk")
        let runID = try await bulk.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 0).runID
        let bulkStarted = ContinuousClock.now
        try await bulk.database.write { db in
            let platformIDs = Dictionary(
                uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: "SELECT name, id FROM platform").map { ($0[0] as String, $0[1] as Int64) })
            try db.insertRows(
                into: "prompt", columns: ["hash", "text"],
                rows: suite.cases.map { [.text($0.prompt.contentHash), .text($0.prompt.flattened)] }, conflict: "ON CONFLICT DO NOTHING")
            var sampleRows: [[SQLValue]] = []
            var scoreRows: [[SQLValue]] = []
            for (index, (result, scores)) in results.enumerated() {
                let id = Int64(index + 1)
                sampleRows.append(
                    SQLArguments([
                        id, runID, platformIDs[result.work.platform], Int64(1), result.work.evalCase.id, result.work.sampleIndex,
                        result.work.evalCase.prompt.contentHash, Int64(result.work.seed), result.work.routingKey, result.completion?.text, "stop",
                        0.1, 1, "p/pool-a/replica-0", "bench", 120, 0.0,
                    ]).values)
                for score in scores { scoreRows.append(SQLArguments([id, score.scorer, score.value, score.passed, score.details]).values) }
            }
            try db.insertRows(
                into: "sample",
                columns: [
                    "id", "runID", "platformID", "suiteID", "caseID", "sampleIndex", "promptHash", "seed", "routingKey", "output", "finishReason",
                    "latency", "attempts", "servedBy", "reportedModel", "completionTokens", "createdAt",
                ], rows: sampleRows)
            try db.insertRows(into: "score", columns: ["sampleID", "scorer", "value", "passed", "details"], rows: scoreRows)
        }
        let bulkSeconds = (ContinuousClock.now - bulkStarted).seconds
        table.add(
            "store ingest, PostgreSQL (sweep recorder)",
            String(
                format: "%.0fk rows/s (%.2f× the bulk inserts' %.0fk rows/s)", rows / recorderSeconds / 1000, recorderSeconds / bulkSeconds,
                rows / bulkSeconds / 1000),
            note:
                "the same rows on a loopback server (fsync off); a batch of samples in 4 multi-row statements (\(commits.samples / max(1, commits.transactions)) samples per transaction); baseline: one transaction of multi-row inserts"
        )
    }

    /// Records every result as a sweep does, 64 in flight.
    ///
    /// - Returns: The seconds it took.
    static func drive(_ recorder: RunRecorder, with results: [(SampleResult, [Score])]) async throws -> Double {
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = results.makeIterator()
            for _ in 0..<64 {
                guard let (result, scores) = iterator.next() else { break }
                group.addTask { try await recorder.record(result, scores: scores) }
            }
            while try await group.next() != nil {
                guard let (result, scores) = iterator.next() else { continue }
                group.addTask { try await recorder.record(result, scores: scores) }
            }
        }
        return (ContinuousClock.now - started).seconds
    }
}
