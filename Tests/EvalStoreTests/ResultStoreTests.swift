import EvalCore
@testable import EvalStore
import Foundation
import EvalTesting
import GRDB
import Testing

struct ResultStoreTests {
    let provenance = ResultStore.Provenance(evalctlVersion: "test", gitCommit: "abc", gitDirty: false, host: nil)
    let configuration = EvalConfiguration(
        reference: "ref",
        platforms: [
            PlatformConfiguration(name: "ref", baseURL: "http://h/v1", model: "m"),
            PlatformConfiguration(name: "p", baseURL: "http://h/v1", model: "m"),
        ]
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
        let outcome: Result<Completion, InfraError> =
            error.map { .failure($0) } ?? .success(Completion(text: "hi", finishReason: "stop", servedBy: "replica-1"))
        return SampleResult(work: work, outcome: outcome, latency: 0.01, attempts: 1)
    }

    @Test(arguments: StoreKind.allCases)
    func migratesAnEmptyDatabase(kind: StoreKind) throws {
        let store = try kind.newStore("migratesAnEmptyDatabase")
        #expect(
            try store.appliedMigrations() == [
                "v1-runs-platforms-suites", "v1-samples-scores-alerts", "v2-sample-tokens", "v3-tallies-detectors", "v4-sample-and-tally-indexes",
                "v5-run-notes", "v6-alert-outbox", "v7-tally-clusters", "v8-stream-timing-prompt-tokens-tool-calls", "v9-sharded-runs",
            ]
        )
        let tables = try store.database.read { db in
            try ["run", "platform", "suite", "prompt", "sample", "score", "alert", "sample_tokens", "case_tally", "run_tally", "detector_state"]
                .filter { table in (try? db.fetchAll(sql: "SELECT COUNT(*) FROM \(table)", arguments: [])) != nil }
        }
        #expect(tables.count == 11)
    }

    @Test func upgradesAVersion1DatabaseKeepingItsSamples() async throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreMigrations.migrator.migrate(queue, upTo: "v1-samples-scores-alerts")
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO run (startedAt, status, evalctlVersion, configHash) VALUES (1, 'complete', 'old', 'h')")
                try db.execute(sql: "INSERT INTO platform (name, protocol, baseURL, model) VALUES ('p', 'openai-chat', 'http://h/v1', 'm')")
                try db.execute(sql: "INSERT INTO suite (suiteKey, version, description) VALUES ('s', 1, 'd')")
                try db.execute(sql: "INSERT INTO prompt (hash, text) VALUES ('x', 'hello')")
                try db.execute(
                    sql: """
                        INSERT INTO sample (runID, platformID, suiteID, caseID, sampleIndex, promptHash, seed, output, latency, attempts, createdAt)
                        VALUES (1, 1, 1, 'c', 0, 'x', 7, 'old output', 0.1, 1, 1)
                        """
                )
                try db.execute(sql: "INSERT INTO score (sampleID, scorer, value, passed, details) VALUES (1, 'language-mix', 0.4, 0, '{}')")
            }
        }
        let store = try ResultStore(path: path)
        #expect(try store.appliedMigrations().last == "v9-sharded-runs")
        let detail = try store.sampleDetail(id: 1)
        #expect(detail.sample.output == "old output" && detail.tokens.isEmpty)
        // The upgrade tallied the run already stored.
        let tallies = try store.runTallies()
        #expect(tallies.count == 1)
        let counts = (tallies.first?.tallies.filter { $0.suite == "s" } ?? []).sorted { $0.metric < $1.metric }.map {
            "\($0.platform) \($0.metric) \($0.failed)/\($0.judged)"
        }
        #expect(counts == ["p infra-error 0/1", "p language-mix 1/1"])
        // …and filled in the per-case sums of the runs tallied before they were kept.
        let pooled = try store.pooledTallies(platforms: ("p", "p"), since: nil, suite: nil)
        let mix = try #require(pooled.tallies.first { $0.metric == "language-mix" })
        #expect(mix.clusters == 1 && mix.failedSquares == 1 && mix.failedJudged == 1 && mix.judgedSquares == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func promptTokenCountsAndStreamTimingsAreKeptAndCompared(kind: StoreKind) async throws {
        let store = try kind.newStore("promptTokenCountsAndStre")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        let passed = [Score(scorer: "x", value: 0, passed: true)]
        for index in 0..<3 {
            var reference = result(platform: "ref", index: index)
            reference.outcome = .success(
                Completion(
                    text: "", finishReason: "tool_calls", promptTokens: 12,
                    toolCalls: [ToolCall(name: "get_weather", arguments: #"{"city":"Paris"}"#)]))
            try await recorder.record(reference, scores: passed)
            // The other platform counts one more token (another template), and streams.
            var other = result(platform: "p", index: index)
            other.outcome = .success(
                Completion(
                    text: "hi", finishReason: "stop", streamTiming: StreamTiming(timeToFirstToken: 0.25, interTokenGaps: [0.01, 0.03, 0.02]),
                    promptTokens: 13))
            try await recorder.record(other, scores: passed)
        }
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)
        let usage = try #require(try store.promptTokens(platforms: ("ref", "p"), since: nil, suite: nil))
        #expect(usage.runID == recorder.runID && usage.casesCompared == 1 && usage.unreportedByA == 0 && usage.unreportedByB == 0)
        #expect(usage.differences == [.init(suite: "s", caseID: "c", a: 12, b: 13)])
        let lines = try store.report(runID: recorder.runID).lines
        #expect(lines.first { $0.platform == "p" }?.timesToFirstToken == [0.25, 0.25, 0.25])
        #expect(lines.first { $0.platform == "p" }?.interTokenGaps == [0.02, 0.02, 0.02])
        #expect(lines.first { $0.platform == "ref" }?.timesToFirstToken.isEmpty == true)
        #expect(try store.promptTokens(platforms: ("ref", "nobody"), since: nil, suite: nil) == nil)
        // Tool calls are kept with their answer, arguments as the API returned their text.
        let stored = try await store.database.read { db in try String.fetchAll(db, sql: "SELECT toolCalls FROM sample WHERE toolCalls IS NOT NULL") }
        #expect(stored == Array(repeating: #"[{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}]"#, count: 3))
    }

    @Test(arguments: StoreKind.allCases)
    func toolDecisionsArePairedRequestByRequest(kind: StoreKind) async throws {
        let store = try kind.newStore("toolDecisionsArePairedRe")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        func verdict(_ called: Bool) -> [Score] {
            [Score(scorer: "tool-call", value: 0, passed: true, details: "{\"calls\":[],\"called\":\(called)}")]
        }
        // Requests 0–3: the reference calls on 0, 1, 2; the other platform on 0, 1 and 3.
        for (index, (reference, other)) in [(true, true), (true, true), (true, false), (false, true)].enumerated() {
            try await recorder.record(result(platform: "ref", index: index), scores: verdict(reference))
            try await recorder.record(result(platform: "p", index: index), scores: verdict(other))
        }
        // A request the other platform failed pairs with nothing.
        try await recorder.record(result(platform: "ref", index: 4), scores: verdict(true))
        try await recorder.record(result(platform: "p", index: 4, error: InfraError(.timeout, "t")), scores: [])
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)
        let agreement = try #require(try store.toolDecisions(baseline: "ref", other: "p", since: nil, suite: nil))
        #expect(agreement == ToolDecisionAgreement(pairs: 4, bothCalled: 2, onlyBaseline: 1, onlyOther: 1))
        #expect(agreement.f1 == 4.0 / 6.0)
        #expect(try store.toolDecisions(baseline: "ref", other: "p", since: 5, suite: nil) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func storesTokensCompactlyAndReadsThemBack(kind: StoreKind) async throws {
        let store = try kind.newStore("storesTokensCompactlyAnd")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        let tokens = (0..<200).map { i in
            TokenLogprob(
                token: i % 7 == 0 ? " ข" : " word\(i % 13)", logprob: -Double(i % 11) / 4,
                top: (0..<5).map { .init(token: " word\((i + $0) % 13)", logprob: -Double($0) - 0.25) }
            )
        }
        var sample = result(platform: "p", index: 0)
        sample.outcome = .success(Completion(text: tokens.map(\.token).joined(), finishReason: "length", tokens: tokens))
        try await recorder.record(sample, scores: [])
        let detail = try store.sampleDetail(id: 1)
        #expect(detail.tokens == tokens, "quarter-integer logprobs survive Float32 exactly")
        let bytes = try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT length(data) FROM sample_tokens WHERE sampleID = 1") }
        // The OpenAI JSON of the same logprobs is ~150 bytes per token with 5 alternatives.
        #expect(try #require(bytes) < 200 * 40)

        try await store.database.write { db in
            try db.execute(sql: "UPDATE sample_tokens SET data = ? WHERE sampleID = 1", arguments: [Data([0x01, 0xff])])
        }
        #expect {
            _ = try store.sampleDetail(id: 1)
        } throws: { error in
            (error as? StoreError)?.isBadDatabase == true && "\(error)".contains("sample_tokens of sample 1")
        }
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
        #expect(try reopened.appliedMigrations().count == 10)
        let runs = try reopened.runs()
        #expect(runs.count == 1 && runs[0].status == .complete && runs[0].samples == 1)
        let mode = try await reopened.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func aPostgreSQLStoreIsReopenedWithItsDataAndRefusedWhenANewerEvalctlMigratedIt() async throws {
        let url = try StoreKind.postgresql.newLocation("reopen")
        do {
            let store = try StoreKind.open(url, access: .readWrite)
            let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
            try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
            try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)
        }
        let reopened = try StoreKind.open(url)
        #expect(try reopened.appliedMigrations().count == 10)
        let runs = try reopened.runs()
        #expect(runs.count == 1 && runs[0].status == .complete && runs[0].samples == 1)
        try await StoreKind.open(url, access: .readWrite).database.write { db in
            try db.execute(sql: "INSERT INTO evalctl_migrations (position, identifier) VALUES (99, 'v99-from-the-future')")
        }
        #expect {
            _ = try StoreKind.open(url)
        } throws: { error in
            (error as? StoreError)?.isBadDatabase == true && "\(error)".contains("written by a newer evalctl")
        }
        // An empty database is no store to read from; a sweep (read-write) makes it one.
        let empty = try StoreKind.postgresql.newLocation("empty")
        #expect {
            _ = try StoreKind.open(empty)
        } throws: { error in
            (error as? StoreError)?.isNotFound == true && "\(error)".contains("no evalctl_migrations table")
        }
    }

    @Test func refusesADatabaseFromANewerEvalctl() async throws {
        let path = Self.temporaryPath()
        do {
            let store = try ResultStore(path: path)
            try await store.database.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
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

    @Test func aFullDiskIsAStoreErrorNamingThePathAndEverythingCommittedBeforeItStays() async throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // SQLite's own size cap raises SQLITE_FULL exactly as a full disk does.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = 40") }
        let store = try ResultStore(writer: try DatabaseQueue(path: path, configuration: configuration), path: path)
        let recorder = try await store.beginRun(configuration: self.configuration, suites: [suite], provenance: provenance, startedAt: 1)
        var stored = 0
        var failure: (any Error)?
        for index in 0..<5_000 {
            do {
                var long = result(platform: "p", index: index)
                long.outcome = .success(Completion(text: String(repeating: "x", count: 2000), finishReason: "stop"))
                try await recorder.record(long, scores: [])
                stored += 1
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure.flatMap { StoreError.classifying($0, path: path) }, "no SQLITE_FULL after \(stored) samples")
        #expect(error.isFull && error.isBadDatabase)
        #expect("\(error)".hasPrefix("\(path): cannot write the store: the disk is full"), "\(error)")
        #expect("\(error.keeping("run 1 keeps 3 samples"))".contains("run 1 keeps 3 samples"))
        #expect(try store.integrityCheck() == "ok")
        #expect(try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") } == stored)
    }

    @Test func aDamagedFileIsRefusedBeforeAnythingIsWrittenToIt() throws {
        let path = Self.temporaryPath()
        do {
            let store = try ResultStore(path: path)
            try store.database.write { db in
                try db.execute(sql: "CREATE TABLE filler (x BLOB)")
                for _ in 0..<64 { try db.execute(sql: "INSERT INTO filler VALUES (randomblob(3000))") }
            }
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Zero the b-tree page header of the filler table's pages in the second half of the file.
        for page in stride(from: bytes.count / 2 / 4096 * 4096, to: bytes.count, by: 4096) {
            bytes.replaceSubrange(page..<(page + 12), with: [UInt8](repeating: 0xFF, count: 12))
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        for access in [ResultStore.Access.readOnly, .readWrite] {
            #expect {
                _ = try ResultStore(path: path, access: access)
            } throws: { error in
                (error as? StoreError)?.isBadDatabase == true && "\(error)".hasPrefix("\(path): the store is damaged (")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test(arguments: StoreKind.allCases)
    func recordsConcurrentSamplesOfANewPromptWithoutBreakingItsForeignKey(kind: StoreKind) async throws {
        // The first sample of a prompt inserts it; a second one whose transaction runs first must not
        // reference a prompt row that is not there yet.
        let path = try kind.newLocation("concurrentprompts")
        if kind == .sqlite {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let store = try StoreKind.open(path, access: .readWrite)
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<400 {
                var sample = result(platform: index.isMultiple(of: 2) ? "ref" : "p", index: index)
                sample.work.evalCase = EvalCase(id: "c", prompt: .text("prompt \(index / 2)"))
                group.addTask { [sample] in try await recorder.record(sample, scores: []) }
            }
            try await group.waitForAll()
        }
        let counts = try await store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prompt"))
        }
        #expect(counts.0 == 400 && counts.1 == 200)
    }

    @Test(arguments: StoreKind.allCases)
    func calibrationReadsUncalibratedGapsButNeverFailedReplays(kind: StoreKind) async throws {
        let store = try kind.newStore("calibrationReadsUncalibr")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        let uncalibrated = #"{"method":"teacher-forced","mean_gap":0.04,"unavailable":"uncalibrated: no drift calibration"}"#
        let failed = #"{"method":"teacher-forced","unavailable":"reference replay failed: timeout"}"#
        try await recorder.record(
            result(platform: "p", index: 0), scores: [Score(scorer: "drift-logprob", value: 0.04, passed: nil, details: uncalibrated)])
        try await recorder.record(result(platform: "p", index: 1), scores: [Score(scorer: "drift-logprob", value: 0, passed: nil, details: failed)])
        try await recorder.record(result(platform: "p", index: 2), scores: [Score(scorer: "drift-logprob", value: 0.5, passed: false)])
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)
        let judged = try store.driftScores(runIDs: [recorder.runID], platforms: [], metric: .logprob)
        #expect(judged.map(\.value) == [0.5])
        let forCalibration = try store.driftScores(runIDs: [recorder.runID], platforms: [], metric: .logprob, includeUnjudged: true)
        #expect(forCalibration.map(\.value).sorted() == [0.04, 0.5])
    }

    @Test(arguments: StoreKind.allCases)
    func recordsSamplesScoresAndErrorsAndReportsThemPerPlatform(kind: StoreKind) async throws {
        let store = try kind.newStore("recordsSamplesScoresAndE")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        try await recorder.record(result(platform: "ref", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
        try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 1, passed: false, details: #"{"why":"test"}"#)])
        try await recorder.record(result(platform: "p", index: 1, error: InfraError(.timeout, "slow")), scores: [])
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 3)

        let report = try store.report(runID: recorder.runID)
        #expect(report.lines.map(\.platform) == ["ref", "p"])
        let p = try #require(report.lines.last)
        #expect(p.samples == 2 && p.completed == 1 && p.errors == ["timeout": 1])
        #expect(p.scorers["x"] == Proportion(failures: 1, trials: 1))
        #expect(p.servedBy == ["replica-1": 1])

        let sampleCount = try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") }
        let promptCount = try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prompt") }
        #expect(sampleCount == 3)
        #expect(promptCount == 1, "a prompt is stored once")
        let detail = try store.sampleDetail(id: 2)
        #expect(detail.platform == "p" && detail.prompt == "hello" && detail.scores.first?.details == #"{"why":"test"}"#)
    }

    @Test(arguments: StoreKind.allCases)
    func finishingARunTalliesEachMetricPerCaseAndPerRun(kind: StoreKind) async throws {
        let store = try kind.newStore("finishingARunTalliesEach")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 1, passed: false)])
        try await recorder.record(result(platform: "p", index: 1), scores: [Score(scorer: "x", value: 0, passed: true)])
        try await recorder.record(result(platform: "p", index: 2), scores: [Score(scorer: "x", value: 0, passed: nil)])
        try await recorder.record(result(platform: "p", index: 3, error: InfraError(.timeout, "slow")), scores: [])
        try await recorder.record(result(platform: "ref", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)

        let run = try #require(try store.runTallies().first)
        let x = try #require(run.tallies.first { $0.platform == "p" && $0.metric == "x" })
        #expect(x.judged == 2 && x.failed == 1 && x.unavailable == 1)
        let infra = try #require(run.tallies.first { $0.platform == "p" && $0.metric == MetricTally.infraMetric })
        #expect(infra.judged == 4 && infra.failed == 1)
        let cases = try store.caseTallies(runID: recorder.runID, platforms: ["p", "ref"])
        #expect(cases.contains(GateEvaluation.CaseTally(platform: "ref", suite: "s", caseID: "c", metric: "x", judged: 1, failed: 0)))
        let pooled = try store.pooledTallies(platforms: ("ref", "p"), since: nil, suite: nil)
        #expect(pooled.runs == 1 && pooled.tallies.count == 4)
        // One case of two judged samples, one failed: the sums compare's design effect reads.
        let clustered = try #require(pooled.tallies.first { $0.platform == "p" && $0.metric == "x" })
        #expect(clustered.clusters == 1 && clustered.failedSquares == 1 && clustered.failedJudged == 2 && clustered.judgedSquares == 4)
    }

    /// Runs 1, 3 and 5 have both platforms, run 2 only one, run 4 was never finished: the pool
    /// is runs 1, 3 and 5 (two ranges of run ids), or 3 and 5 from a later start time.
    @Test(arguments: StoreKind.allCases)
    func poolingKeepsOnlyFinishedRunsBothPlatformsTookPartIn(kind: StoreKind) async throws {
        let store = try kind.newStore("poolingKeepsOnlyFinished")
        for run in 1...5 {
            let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: Double(run))
            try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 1, passed: run == 2)])
            if run != 2 {
                try await recorder.record(result(platform: "ref", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
            }
            if run != 4 { try await store.finishRun(recorder.runID, status: .complete, endedAt: Double(run) + 0.5) }
        }
        #expect(ResultStore.ranges(of: [1, 3, 5], within: [1, 2, 3, 4, 5]) == [1...1, 3...3, 5...5])
        let all = try store.pooledTallies(platforms: ("ref", "p"), since: nil, suite: nil)
        let p = try #require(all.tallies.first { $0.platform == "p" && $0.metric == "x" })
        #expect(all.runs == 3 && p.judged == 3 && p.failed == 3)
        let later = try store.pooledTallies(platforms: ("ref", "p"), since: 2.5, suite: nil)
        #expect(later.runs == 2 && later.tallies.first { $0.platform == "p" && $0.metric == "x" }?.judged == 2)
        #expect(try store.pooledTallies(platforms: ("ref", "p"), since: 6, suite: nil).runs == 0)
    }

    /// 35 runs, both platforms in the odd ones: 18 ranges, past the comparisons' limit, so the
    /// pool filters by the list of runs instead; the figures are the same kind.
    @Test(arguments: StoreKind.allCases)
    func poolingManyRangesOfRunsFiltersByTheirList(kind: StoreKind) async throws {
        let store = try kind.newStore("poolingManyRangesOfRunsF")
        for run in 1...35 {
            let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: Double(run))
            try await recorder.record(result(platform: "p", index: 0), scores: [Score(scorer: "x", value: 1, passed: run % 2 == 0)])
            if run % 2 == 1 {
                try await recorder.record(result(platform: "ref", index: 0), scores: [Score(scorer: "x", value: 0, passed: true)])
            }
            try await store.finishRun(recorder.runID, status: .complete, endedAt: Double(run) + 0.5)
        }
        let pooled = try store.pooledTallies(platforms: ("ref", "p"), since: nil, suite: nil)
        let p = try #require(pooled.tallies.first { $0.platform == "p" && $0.metric == "x" })
        #expect(pooled.runs == 18 && p.judged == 18 && p.failed == 18)
    }

    @Test(arguments: StoreKind.allCases)
    func detectionStoresAlertsOnceWithDetectorStatesAndResolvesThem(kind: StoreKind) async throws {
        let store = try kind.newStore("detectionStoresAlertsOnc")
        let recorder = try await store.beginRun(configuration: configuration, suites: [suite], provenance: provenance, startedAt: 1)
        try await store.finishRun(recorder.runID, status: .complete, endedAt: 2)
        let stream = StreamKey(platform: "p", suite: "*", metric: "x")
        let evidence = AlertEvidence(
            baseline: .reference, category: "quality", failed: 5, judged: 10, nullRate: 0.01, alternativeRate: 0.03, statistic: 12, threshold: 9,
            baselineFailed: 0, baselineJudged: 100
        )
        var state = DetectorState()
        state.alarmed = true
        state.lastRunID = 1
        let opened = RegressionDetector.Outcome(
            states: [DetectorKey(stream: stream, baseline: .reference): state],
            transitions: [AlertTransition(kind: .opened, stream: stream, runID: 1, at: 100, evidence: evidence)], threshold: 9
        )
        let changed = try await store.applyDetection(opened)
        #expect(changed.count == 1 && changed[0].status == AlertRecord.Status.open && changed[0].id != nil)
        #expect(try store.openAlertStreams() == [stream])
        #expect(try store.detectorStates()[DetectorKey(stream: stream, baseline: .reference)] == state)
        let resolved = RegressionDetector.Outcome(
            states: [:], transitions: [AlertTransition(kind: .resolved, stream: stream, runID: 2, at: 200, evidence: evidence)], threshold: 9
        )
        _ = try await store.applyDetection(resolved)
        let alerts = try store.alerts()
        #expect(alerts.count == 1 && alerts[0].status == AlertRecord.Status.resolved && alerts[0].resolvedAt == 200 && alerts[0].openedRunID == 1)
        #expect(try store.openAlertStreams().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func markingAbandonedRunsIncompleteOnTheNextRun(kind: StoreKind) async throws {
        let store = try kind.newStore("markingAbandonedRunsInco")
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

    @Test func shardsShareTheStoreEachHoldingItsOwnShardAndExcludeAnUnshardedSweep() throws {
        let path = ResultStoreTests.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let a = try StoreLock(storePath: path, mode: .shared)
        let b = try StoreLock(storePath: path, mode: .shared)
        #expect(throws: StoreError.self) { _ = try StoreLock(storePath: path) }
        let zero = try StoreLock.shard(storePath: path, runKey: "k", shard: Shard(parsing: "0/2"))
        let one = try StoreLock.shard(storePath: path, runKey: "k", shard: Shard(parsing: "1/2"))
        let otherRun = try StoreLock.shard(storePath: path, runKey: "k2", shard: Shard(parsing: "0/2"))
        #expect {
            _ = try StoreLock.shard(storePath: path, runKey: "k", shard: Shard(parsing: "0/2"))
        } throws: { error in
            (error as? StoreError)?.isLocked == true && "\(error)".contains("shard 0/2 of run 'k' is already running")
        }
        withExtendedLifetime((a, b, zero, one, otherRun)) {}
    }

    @Test func aStoreOnANetworkFileSystemIsNamed() {
        let mounts = """
            /dev/sda1 / ext4 rw,relatime 0 0
            server:/export /mnt/shared nfs4 rw,relatime 0 0
            //nas/evals /mnt/nas\\040share cifs rw 0 0
            tmpfs /tmp tmpfs rw 0 0
            """
        #expect(StoreLock.remoteFileSystem("/mnt/shared/results", mounts: mounts) == "nfs4")
        #expect(StoreLock.remoteFileSystem("/mnt/nas share/x", mounts: mounts) == "cifs")
        #expect(StoreLock.remoteFileSystem("/mnt/sharedx/results", mounts: mounts) == nil)
        #expect(StoreLock.remoteFileSystem("/tmp/results", mounts: mounts) == nil)
        #expect(StoreLock.remoteFileSystem("/home/results", mounts: mounts) == nil)
    }
}
