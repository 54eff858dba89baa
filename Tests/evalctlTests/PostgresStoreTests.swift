import EvalStore
import EvalTesting
import Foundation
import Testing

/// The PostgreSQL store end to end: the same answers as SQLite's for the same history, and a
/// server that goes away mid-sweep.
@Suite(.serialized)
struct PostgresStoreTests {
    /// Sweeps of the faulty fleet (alerts opened) into SQLite, copied to PostgreSQL: compare, gate,
    /// alerts, runs and the report read the same on both, and the copy back is the same again.
    @Test func theSameHistoryGivesTheSameAnswersOnSQLiteAndPostgreSQL() async throws {
        let sqlite = EvalctlProcess.temporaryStore()
        // The machine's word lists, as in production: with the tests' small lists every English word
        // is unlisted, the reference's answers read as prose of unknown words to language-mix, and
        // the gate could not judge tpu-v5e (exit 2) on either store.
        let realLists = ["EVALCTL_DICT_DIR": "/usr/share/dict", "EVALCTL_HUNSPELL_DIR": "/usr/share/hunspell"]
        for _ in 0..<3 {
            let sweep = try EvalctlProcess.run(
                ["sweep", "--store", sqlite, "--scenario", "faulty", "--suite", "english-prose", "--suite", "code", "--alert", "--quiet"],
                environment: realLists)
            try #require(sweep.status == 0, "\(sweep.stderr)")
        }
        let postgres = try StoreKind.postgresql.newLocation("sameanswers")
        let copy = try EvalctlProcess.run(["store", "copy", "--from", sqlite, "--to", postgres])
        try #require(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("copied ") && copy.stdout.contains("to \(postgres)"), "\(copy.stdout)")
        let back = EvalctlProcess.temporaryStore()
        #expect(try EvalctlProcess.run(["store", "copy", "--from", postgres, "--to", back]).status == 0)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-same-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        /// Every reading command's output on one store, the store's own name taken out.
        func answers(_ store: String, _ name: String) throws -> [String: String] {
            var answers: [String: String] = [:]
            let commands: [String: [String]] = [
                "compare": ["compare", "reference", "gpu-h100", "--format", "json"],
                "compare-trainium": ["compare", "reference", "trainium", "--format", "json", "--suite", "code"],
                "gate": ["gate", "--candidate", "tpu-v5e", "--junit", "\(folder)/\(name).xml", "--markdown", "\(folder)/\(name).md"],
                "alerts": ["alerts", "--format", "json"],
                "runs": ["runs", "--format", "json"],
                "drift": ["drift", "--format", "json"],
                "report": ["report", "--out", "\(folder)/\(name).html"],
            ]
            for (key, arguments) in commands {
                let output = try EvalctlProcess.run(arguments + ["--store", store])
                #expect([0, 1].contains(output.status), "\(key) on \(name): \(output.stderr)")
                answers[key] = output.stdout.replacingOccurrences(of: store, with: "STORE").replacingOccurrences(of: "/\(name).", with: "/NAME.")
            }
            for file in ["xml", "md", "html"] {
                answers[file] = try String(contentsOfFile: "\(folder)/\(name).\(file)", encoding: .utf8).replacingOccurrences(
                    of: store, with: "STORE")
            }
            // The report's "generated …" time is the clock's, not the store's: the three stores'
            // reports may straddle a minute.
            for key in ["report", "html"] {
                answers[key] = answers[key]?.replacingOccurrences(of: #"generated [^<]*"#, with: "generated TIME", options: .regularExpression)
            }
            return answers
        }
        let fromSQLite = try answers(sqlite, "sqlite")
        let fromPostgres = try answers(postgres, "postgres")
        let fromCopyBack = try answers(back, "back")
        // The history has alerts and failures to agree on, not only empty tables.
        #expect(fromSQLite["alerts"]?.contains("\"status\"") == true, "\(fromSQLite["alerts"] ?? "")")
        for key in fromSQLite.keys.sorted() {
            #expect(fromPostgres[key] == fromSQLite[key], "\(key) differs between SQLite and PostgreSQL")
            #expect(fromCopyBack[key] == fromSQLite[key], "\(key) differs after the copy back to SQLite")
        }
        // A copy never merges into a store that has history.
        let again = try EvalctlProcess.run(["store", "copy", "--from", sqlite, "--to", postgres])
        #expect(again.status == 2 && again.stderr.contains("already holds 3 runs: copy into an empty store"), "\(again.stderr)")
    }

    /// The server is killed while a sweep writes to it: the sweep fails with exit 5 and one line,
    /// what it committed stays, and the next sweep (server back) works.
    @Test func aPostgreSQLThatGoesAwayMidSweepFailsItWithExit5KeepingWhatWasCommitted() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-postgres-away-\(UUID().uuidString).state").path
        _ = try PostgresCluster.script(["start", state])
        defer { _ = try? PostgresCluster.script(["stop", state]) }
        let url = String(try String(contentsOfFile: state, encoding: .utf8).split(separator: "\n")[0])
        let sweep = ["sweep", "--store", url, "--suite", "english-prose", "--suite", "code", "--suite", "multilingual", "--no-drift", "--quiet"]
        let (process, out, err) = try EvalctlProcess.start(sweep)
        let watched = try StoreKind.open(url, access: .readWrite)
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while committed < 40, Date() < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
            committed = (try? watched.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") }) ?? 0
        }
        try #require(process.isRunning, "the sweep finished before the server could be stopped")
        _ = try PostgresCluster.script(["halt", state])
        let output = ShardedSweepTests.finish(process, out, err)
        #expect(output.status == 5, "\(output.stderr)")
        let lines = output.stderr.split(separator: "\n").filter { $0.hasPrefix("evalctl: error:") }
        #expect(lines.count == 1 && lines[0].contains("\(url): PostgreSQL is unavailable"), "\(output.stderr)")

        _ = try PostgresCluster.script(["resume", state])
        let reopened = try StoreKind.open(url)
        let kept = try reopened.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") } ?? 0
        #expect(kept >= committed && kept > 0, "\(kept) samples kept, \(committed) seen committed")
        let next = try EvalctlProcess.run(["sweep", "--store", url, "--suite", "determinism", "--no-drift", "--quiet"])
        #expect(next.status == 0, "\(next.stderr)")
        let runs = try StoreKind.open(url).runs()
        #expect(runs.map(\.status) == [.complete, .incomplete], "\(runs.map(\.status))")
        #expect(runs.last?.samples == kept)
    }

    @Test func storeURLsAreCheckedBeforeAnythingIsOpened() throws {
        let unreachable = try EvalctlProcess.run(["runs", "--store", "postgresql://evalctl@127.0.0.1:1/evals"])
        #expect(unreachable.status == 5 && unreachable.stderr.contains("postgresql://evalctl@127.0.0.1:1/evals: PostgreSQL is unavailable"))
        let noDatabase = try EvalctlProcess.run(["compare", "reference", "gpu-h100", "--store", "postgresql://evalctl@127.0.0.1:5432"])
        #expect(noDatabase.status == 2 && noDatabase.stderr.contains("it names no database"), "\(noDatabase.stderr)")
        let badPort = try EvalctlProcess.run(["sweep", "--store", "postgresql://evalctl@db:99999/evals", "--quiet"])
        #expect(badPort.status == 2 && badPort.stderr.contains("port '99999' is not a number from 1 to 65535"), "\(badPort.stderr)")
        // A database without a store is not one to read.
        let empty = try StoreKind.postgresql.newLocation("nostore")
        let reading = try EvalctlProcess.run(["alerts", "--store", empty])
        #expect(reading.status == 2 && reading.stderr.contains("an evalctl store (no evalctl_migrations table) not found"), "\(reading.stderr)")
    }
}
