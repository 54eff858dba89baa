import EvalCore
import EvalStore
import Foundation
import EvalTesting
import GRDB
import Testing

/// `evalctl sweep --shard I/N`: shards of one run as separate processes on one store (a SQLite
/// file, or a PostgreSQL database on the test cluster), each with its own embedded fleet.
@Suite(.serialized)
struct ShardedSweepTests {
    /// Every sample of a store's run 1 by key, with its seed.
    static func sampleKeys(_ store: String) async throws -> [String: Int64] {
        try StoreKind.open(store).database.read { db in
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT platform.name AS platform, sample.caseID, sample.sampleIndex, sample.seed FROM sample
                    JOIN platform ON platform.id = sample.platformID WHERE sample.runID = 1
                    """)
            var keys: [String: Int64] = [:]
            for row in rows {
                let key = "\(row["platform"] as String)/\(row["caseID"] as String)/\(row["sampleIndex"] as Int)"
                #expect(keys[key] == nil, "sample \(key) stored twice")
                keys[key] = row["seed"]
            }
            return keys
        }
    }

    static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) -> EvalctlProcess.Output {
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(arguments: StoreKind.allCases)
    func eightShardsStartedTogetherCompleteTheRunExactlyOnceWithThePlansSamples(kind: StoreKind) async throws {
        let store = try kind.newLocation("shards8")
        let sweep = ["sweep", "--store", store, "--suite", "determinism", "--no-drift", "--alert", "--run-key", "nightly-1"]
        let started = try (0..<8).map { try EvalctlProcess.start(sweep + ["--shard", "\($0)/8"]) }
        let outputs = started.map { Self.finish($0.0, $0.1, $0.2) }
        for (index, output) in outputs.enumerated() { #expect(output.status == 0, "shard \(index): \(output.stderr)") }
        // The run completes once: one shard sees every shard done, and only it runs detection.
        let completing = outputs.filter { $0.stderr.contains("all 8 shards done: run 1 complete, detection runs here") }
        #expect(completing.count == 1, "\(outputs.map(\.stderr))")
        #expect(outputs.filter { $0.stdout.contains("\nalerts: ") }.count == 1)
        let reopened = try StoreKind.open(store)
        #expect(try reopened.runs().count == 1)
        #expect(try reopened.run(id: 1)?.status == .complete)
        #expect(try reopened.shardStatuses(runID: 1).map(\.status) == Array(repeating: "complete", count: 8))
        // The shards together sent exactly the unsharded plan: the same samples, the same seeds, none twice.
        let whole = EvalctlProcess.temporaryStore()
        let unsharded = try EvalctlProcess.run(["sweep", "--store", whole, "--suite", "determinism", "--no-drift", "--quiet"])
        #expect(unsharded.status == 0, "\(unsharded.stderr)")
        let shardedKeys = try await Self.sampleKeys(store)
        #expect(!shardedKeys.isEmpty)
        #expect(shardedKeys == (try await Self.sampleKeys(whole)))
        // Each shard sent its share and no more.
        let sent = outputs.compactMap { output in
            output.stderr.split(separator: "\n").first { $0.contains("samples sent") }.flatMap { line in
                line.split(separator: " ").firstIndex(of: "samples").map { Int(line.split(separator: " ")[$0 - 1]) ?? -1 }
            }
        }
        #expect(sent.count == 8 && sent.reduce(0, +) == shardedKeys.count, "\(sent)")
    }

    @Test(arguments: StoreKind.allCases)
    func aShardKilledMidRunLeavesTheRunIncompleteAndItsRestartCompletesItWithoutDuplicates(kind: StoreKind) async throws {
        let store = try kind.newLocation("shardkill")
        let sweep = ["sweep", "--store", store, "--suite", "english-prose", "--no-drift", "--quiet", "--run-key", "k"]
        let first = try EvalctlProcess.run(sweep + ["--shard", "1/2"])
        #expect(first.status == 0 && first.stderr.contains("1 of 2 shards done"), "\(first.stderr)")
        let afterFirst = try await Self.sampleKeys(store).count

        let (process, out, err) = try EvalctlProcess.start(sweep + ["--shard", "0/2"])
        let deadline = Date().addingTimeInterval(60)
        var written = 0
        let watched = try StoreKind.open(store)
        while written < afterFirst + 20, Date() < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
            written = (try? watched.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") }) ?? 0
        }
        #expect(process.isRunning, "shard 0 finished before it could be killed")
        // While it runs: the same shard again, and an unsharded sweep, are refused (exit 3).
        let twin = try EvalctlProcess.run(sweep + ["--shard", "0/2"])
        #expect(twin.status == 3 && twin.stderr.contains("shard 0/2 of run 'k' is already running"), "\(twin.stderr)")
        let unsharded = try EvalctlProcess.run(["sweep", "--store", store, "--suite", "determinism", "--quiet"])
        #expect(unsharded.status == 3, "\(unsharded.stderr)")
        kill(process.processIdentifier, SIGKILL)
        _ = Self.finish(process, out, err)

        let reopened = try StoreKind.open(store)
        #expect(try reopened.integrityCheck() == "ok")
        #expect(try reopened.run(id: 1)?.status == .running, "a killed shard leaves its run unfinished")
        #expect(try reopened.shardStatuses(runID: 1).map(\.status) == ["running", "complete"])
        let partial = try await Self.sampleKeys(store).count
        #expect(partial > afterFirst)
        let runs = try EvalctlProcess.run(["runs", "--store", store])
        #expect(runs.stdout.contains("incomplete") && runs.stdout.contains("1/2 k"), "\(runs.stdout)")

        let restart = try EvalctlProcess.run(sweep + ["--shard", "0/2"])
        #expect(restart.status == 0 && restart.stderr.contains("all 2 shards done: run 1 complete"), "\(restart.stderr)")
        #expect(try reopened.run(id: 1)?.status == .complete)
        #expect(try reopened.shardStatuses(runID: 1).map(\.starts) == [2, 1])
        // The restart sent only what the killed shard had not stored; the run has the whole plan, once.
        let whole = EvalctlProcess.temporaryStore()
        #expect(try EvalctlProcess.run(["sweep", "--store", whole, "--suite", "english-prose", "--no-drift", "--quiet"]).status == 0)
        let expected = try await Self.sampleKeys(whole)
        #expect(try await Self.sampleKeys(store) == expected)
        #expect(restart.stderr.contains("\(expected.count - partial) samples sent"), "\(restart.stderr)")
        // A shard started again after the run completed sends nothing.
        let late = try EvalctlProcess.run(sweep + ["--shard", "1/2"])
        #expect(late.status == 0 && late.stderr.contains("already complete"), "\(late.stderr)")
    }

    @Test(arguments: StoreKind.allCases)
    func shardsThatDisagreeAreRefusedWithTheReason(kind: StoreKind) throws {
        let store = try kind.newLocation("sharddisagree")
        let sweep = ["sweep", "--store", store, "--no-drift", "--quiet", "--run-key", "k"]
        #expect(try EvalctlProcess.run(sweep + ["--suite", "determinism", "--shard", "0/2"]).status == 0)
        let count = try EvalctlProcess.run(sweep + ["--suite", "determinism", "--shard", "0/3"])
        #expect(count.status == 2 && count.stderr.contains("has 2 shards; this worker was started as shard 0/3"), "\(count.stderr)")
        let plan = try EvalctlProcess.run(sweep + ["--suite", "code", "--shard", "1/2"])
        #expect(plan.status == 2 && plan.stderr.contains("was planned from another configuration, suites or seed"), "\(plan.stderr)")
        let bad = try EvalctlProcess.run(sweep + ["--shard", "2/2"])
        #expect(bad.status == 2 && bad.stderr.contains("shard 2 is not between 0 and 1"), "\(bad.stderr)")
        let environment = try EvalctlProcess.run(["sweep", "--store", store, "--quiet"], environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(environment.status == 2 && environment.stderr.contains("EVALCTL_SHARD_COUNT is not"), "\(environment.stderr)")
        // Kubernetes' variables name the shard when --shard is absent.
        let pod = try EvalctlProcess.run(
            sweep + ["--suite", "determinism"], environment: ["JOB_COMPLETION_INDEX": "1", "EVALCTL_SHARD_COUNT": "2"])
        #expect(pod.status == 0 && pod.stderr.contains("shard 1/2 of run 'k'") && pod.stderr.contains("run 1 complete"), "\(pod.stderr)")
    }

    @Test func aPasswordInAStoreURLIsRefusedWithoutBeingShownAndCreatesNothing() throws {
        for command in [["sweep", "--suite", "determinism", "--shard", "0/2"], ["compare", "reference", "gpu-h100"], ["runs"]] {
            let output = try EvalctlProcess.run(command + ["--store", "postgresql://eval:s3cret@db:5432/evals"])
            #expect(output.status == 2, "\(command): \(output.stderr)")
            #expect(
                output.stderr.contains("postgresql://eval:***@db:5432/evals: not a PostgreSQL store URL: a password in the URL is refused"),
                "\(output.stderr)")
            #expect(!output.stderr.contains("s3cret") && !output.stdout.contains("s3cret"))
        }
        // The command ran in this process's folder: no folder was made from the URL there.
        #expect(!FileManager.default.fileExists(atPath: "postgresql:"))
    }
}
