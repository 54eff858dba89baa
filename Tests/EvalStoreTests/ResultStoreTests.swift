import EvalCore
import EvalStore
import Foundation
import GRDB
import Testing

struct ResultStoreTests {
    let provenance = ResultStore.Provenance(evalctlVersion: "test", gitCommit: "abc", gitDirty: false, host: nil)
    let configuration = EvalConfiguration(
        reference: "ref",
        platforms: [PlatformConfiguration(name: "ref", baseURL: "http://h/v1", model: "m"), PlatformConfiguration(name: "p", baseURL: "http://h/v1", model: "m")]
    )
    let suite = Suite(id: "s", version: 2, description: "d", defaults: SamplingParameters(), cases: [EvalCase(id: "c", prompt: .text("hello"))])

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-test-\(UUID().uuidString)/store.sqlite").path
    }

    func result(platform: String, index: Int, error: InfraError? = nil) -> SampleResult {
        let work = WorkItem(
            platform: platform, suiteID: "s", suiteVersion: 2, evalCase: suite.cases[0], sampleIndex: index,
            sampling: SamplingParameters(), seed: UInt64(index), routingKey: "rk"
        )
        let outcome: Result<Completion, InfraError> = error.map { .failure($0) } ?? .success(Completion(text: "hi", finishReason: "stop", servedBy: "replica-1"))
        return SampleResult(work: work, outcome: outcome, latency: 0.01, attempts: 1)
    }

    @Test func migratesAnEmptyDatabase() throws {
        let store = try ResultStore(writer: DatabaseQueue())
        #expect(try store.appliedMigrations() == ["v1-runs-platforms-suites", "v1-samples-scores-alerts"])
        let tables = try store.writer.read { db in
            try ["run", "platform", "suite", "prompt", "sample", "score", "alert"].filter { try db.tableExists($0) }
        }
        #expect(tables.count == 7)
    }

    @Test func reopensAnExistingDatabaseKeepingItsData() async throws {
        let path = Self.temporaryPath()
        do {
            let store = try ResultStore(path: path)
            let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
            try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
            try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)
        }
        let reopened = try ResultStore(path: path)
        #expect(try reopened.appliedMigrations().count == 2)
        let runs = try reopened.runs()
        #expect(runs.count == 1 && runs[0].status == .complete && runs[0].samples == 1)
        let mode = try await reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func refusesADatabaseFromANewerEvalctl() async throws {
        let path = Self.temporaryPath()
        do {
            let store = try ResultStore(path: path)
            try await store.writer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        }
        #expect {
            _ = try ResultStore(path: path)
        } throws: { error in
            (error as? StoreError)?.isBadDatabase == true && "\(error)".contains("newer evalctl")
        }
    }

    @Test func refusesAFileThatIsNotADatabaseAndLeavesItUntouched() throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x42, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try ResultStore(path: path)
        } throws: { error in
            (error as? StoreError)?.isBadDatabase == true && "\(error)".hasPrefix(path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func recordsSamplesScoresAndErrorsAndReportsThemPerPlatform() async throws {
        let store = try ResultStore(writer: DatabaseQueue())
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        try await recorder.record(result(platform: "ref", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
        try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 1, passed: false, details: #"{"why":"test"}"#)])
        try await recorder.record(result(platform: "p", index: 1, error: InfraError(.timeout, "slow")), scores: [])
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 3)

        let report = try store.report(runID: recorder.runID)
        #expect(report.lines.map(\.platform) == ["ref", "p"])
        let p = try #require(report.lines.last)
        #expect(p.samples == 2 && p.completed == 1 && p.errors == ["timeout": 1])
        #expect(p.scorers["x"] == Proportion(successes: 1, trials: 1))
        #expect(p.servedBy == ["replica-1": 1])

        let sampleCount = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") }
        let promptCount = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prompt") }
        #expect(sampleCount == 3)
        #expect(promptCount == 1, "a prompt is stored once")
        let detail = try store.sampleDetail(id: 2)
        #expect(detail.platform == "p" && detail.prompt == "hello" && detail.scores.first?.details == #"{"why":"test"}"#)
    }

    @Test func markingAbandonedRunsIncompleteOnTheNextRun() async throws {
        let store = try ResultStore(writer: DatabaseQueue())
        let first = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        _ = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 2)
        #expect(try store.run(id: first.runID)?.status == .incomplete)
        #expect(try store.markAbandonedRunsIncomplete() == 1)
    }
}

struct StoreLockTests {
    @Test func onlyOneHolderAtATime() throws {
        let path = ResultStoreTests.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var first: StoreLock? = try StoreLock(storePath: path)
        #expect {
            _ = try StoreLock(storePath: path)
        } throws: { error in
            (error as? StoreError)?.isLocked == true
        }
        withExtendedLifetime(first) {}
        first = nil
        let second = try StoreLock(storePath: path)
        withExtendedLifetime(second) {}
    }
}
