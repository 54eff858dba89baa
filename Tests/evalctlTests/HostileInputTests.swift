import EvalStore
import EvalTesting
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Testing

/// The defects a hostile user and broken backends found (issue 21), each as the attack that found
/// it: damaged and refused stores, echoed secrets, oversized values, configuration errors that left
/// files behind, a gate reading a run still being written, a full disk.
@Suite(.serialized)
struct HostileInputTests {
    /// A store with one complete run of two embedded platforms, in a folder of its own.
    func sweptStore() throws -> String {
        let store = EvalctlProcess.temporaryStore()
        let output = try EvalctlProcess.run([
            "sweep", "--store", store, "--suite", "determinism", "--platform", "reference", "--platform", "gpu-h100", "--quiet",
        ])
        try #require(output.status == 0, "stderr: \(output.stderr)")
        return store
    }

    /// Every command that opens the store, with the arguments it needs.
    static func commands(store: String) -> [[String]] {
        let folder = (store as NSString).deletingLastPathComponent
        return [
            ["runs", "--store", store],
            ["compare", "reference", "gpu-h100", "--store", store],
            ["gate", "--candidate", "gpu-h100", "--store", store],
            ["drift", "--store", store],
            ["show", "1", "--store", store],
            ["report", "--store", store, "--out", folder + "/report.html"],
            ["alerts", "--store", store],
            ["alerts", "--detect", "--store", store],
            ["sweep", "--store", store, "--suite", "determinism", "--platform", "reference", "--quiet"],
        ]
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aDamagedStoreIsRefusedWithExitFourByEveryCommandAndLeftUntouched() throws {
        let store = try sweptStore()
        var bytes = try Self.bytes(store)
        try #require(bytes.count >= 64 << 10, "the store is too small to damage its middle: \(bytes.count) bytes")
        // 8 KiB of seeded random bytes over two pages in the middle of the file.
        var generator = SplitMix(seed: 21)
        let start = (bytes.count / 2) / 4096 * 4096
        for offset in start..<(start + 8192) { bytes[offset] = UInt8(truncatingIfNeeded: generator.next()) }
        try bytes.write(to: URL(fileURLWithPath: store))
        // SQLite either lists the damage or stops at the first malformed page.
        let damage =
            (try? DatabaseQueue(
                path: store,
                configuration: {
                    var c = Configuration(); c.readonly = true; return c
                }()
            ).read { db in
                try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            }) ?? "malformed"
        try #require(try Self.bytes(store) == bytes)
        try #require(damage != "ok", "the overwrite did not damage the store")
        for arguments in Self.commands(store: store) {
            let output = try EvalctlProcess.run(arguments)
            #expect(output.status == 4, "\(arguments[0]): exit \(output.status), stderr: \(output.stderr)")
            #expect(output.stderr.contains("\(store): the store is damaged"), "\(arguments[0]): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(arguments[0]): \(output.stderr)")
            #expect(try Self.bytes(store) == bytes, "\(arguments[0]) changed the damaged store")
        }
    }

    @Test func aStoreFromTheFutureStaysByteIdenticalAndReadingCommandsNeverWriteAHealthyStore() throws {
        let store = try sweptStore()
        let healthy = try Self.bytes(store)
        for arguments in Self.commands(store: store).filter({ !["sweep"].contains($0[0]) && !$0.contains("--detect") }) {
            let output = try EvalctlProcess.run(arguments)
            // The gate may say it cannot judge so small a run (exit 2); what matters is the file.
            #expect(
                [0, 1, 2].contains(output.status) && !output.stderr.contains("store"),
                "\(arguments[0]): exit \(output.status), stderr: \(output.stderr)")
            #expect(try Self.bytes(store) == healthy, "\(arguments[0]) changed a store it only reads")
        }
        // A migration this evalctl does not know: written by a newer one.
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999-from-the-future')") }
        try queue.close()
        let future = try Self.bytes(store)
        for arguments in Self.commands(store: store) {
            let output = try EvalctlProcess.run(arguments)
            #expect(output.status == 4, "\(arguments[0]): exit \(output.status), stderr: \(output.stderr)")
            #expect(output.stderr.contains("written by a newer evalctl"), "\(arguments[0]): \(output.stderr)")
            #expect(try Self.bytes(store) == future, "\(arguments[0]) changed a store it refused")
        }
    }

    @Test func aSecretEchoedByABackendIsRedactedFromTheStoreAndEveryOutput() async throws {
        let secret = "sk-live-ECHOED-9d2c-DO-NOT-STORE"
        try await withEchoingBackend { url in
            let folder = (EvalctlProcess.temporaryStore() as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let config = folder + "/evalctl.yaml"
            try """
            reference: echo
            suites: [\(EvalctlProcess.repository.path)/Evals/determinism.yaml]
            platforms:
              - {name: echo, base_url: "\(url)", model: m, api_key_env: EVALCTL_TEST_ECHOED_KEY, max_attempts: 1}
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let output = try EvalctlProcess.run(
                ["sweep", "--config", config, "--log-level", "trace"], environment: ["EVALCTL_TEST_ECHOED_KEY": secret])
            #expect(output.status == 5, "stderr: \(output.stderr.suffix(300))")
            #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
            let store = folder + "/results/evalctl.sqlite"
            for path in [store, store + "-wal"] where FileManager.default.fileExists(atPath: path) {
                #expect(try Self.bytes(path).range(of: Data(secret.utf8)) == nil, "the echoed key is in \(path)")
            }
            let message = try DatabaseQueue(path: store).read { db in try String.fetchOne(db, sql: "SELECT errorMessage FROM sample LIMIT 1") }
            #expect(message?.contains("invalid key: [redacted]") == true, "\(message ?? "nil")")
            let show = try EvalctlProcess.run(["show", "1", "--config", config], environment: ["EVALCTL_TEST_ECHOED_KEY": secret])
            #expect(show.status == 0 && show.stdout.contains("[redacted]") && !show.stdout.contains(secret), "\(show.stdout)")
        }
    }

    /// A backend that rejects every key and quotes it back, as some gateways do.
    func withEchoingBackend(_ test: (String) async throws -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let key = request.headers[.authorization] ?? "none"
            let body = #"{"error":{"message":"invalid key: \#(key)","type":"invalid_request_error"}}"#
            return Response(status: .unauthorized, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await LoopbackServer.with(router) { port in try await test("http://127.0.0.1:\(port)/v1") }
    }

    @Test(arguments: ["platform-name", "prompt"])
    func anOversizedValueExitsTwoAtOnceAndWritesNothing(_ what: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-huge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let huge = String(repeating: "a", count: 10 << 20)
        let config = folder + "/evalctl.yaml"
        let suite = folder + "/suite.yaml"
        let name = what == "platform-name" ? huge : "reference"
        try "id: huge\nversion: 1\ncases:\n  - id: c\n    prompt: \(what == "prompt" ? huge : "Hi")\n".write(
            toFile: suite, atomically: true, encoding: .utf8)
        try "reference: reference\nsuites: [suite.yaml]\nplatforms:\n  - {name: \(name), base_url: embedded, model: evalctl-fleet-1}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let started = Date()
        let output = try EvalctlProcess.run(["sweep", "--config", config])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(output.status == 2, "stderr: \(output.stderr.prefix(300))")
        let file = what == "prompt" ? suite : config
        let key = what == "prompt" ? "cases[0].prompt" : "platforms[0].name"
        #expect(output.stderr.hasPrefix("evalctl: error: \(file):"), "\(output.stderr.prefix(300))")
        #expect(output.stderr.contains("key '\(key)'"), "\(output.stderr.prefix(300))")
        #expect(output.stderr.contains("at most"), "\(output.stderr.prefix(300))")
        #expect(output.stderr.utf8.count < 1000 && output.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["evalctl.yaml", "suite.yaml"])
    }

    @Test func anUnknownFleetScenarioIsFoundBeforeTheStoreIsCreated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/evalctl.yaml"
        try """
        reference: reference
        fleet: nosuchscenario
        platforms:
          - {name: reference, base_url: embedded, model: evalctl-fleet-1}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["sweep", "--config", config])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(config):2: key 'fleet'") && output.stderr.contains("nosuchscenario"), "\(output.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["evalctl.yaml"], "the sweep left files behind")
    }

    @Test func theGateAndDriftJudgeTheLatestCompleteRunNotOneStillBeingWritten() throws {
        let store = try sweptStore()
        // A second sweep killed mid-way leaves a run `running` with part of its samples; the
        // kill itself is tested in SweepCommandTests, here the run is left in that state directly.
        let second = try EvalctlProcess.run([
            "sweep", "--store", store, "--suite", "determinism", "--platform", "reference", "--platform", "gpu-h100", "--quiet",
        ])
        try #require(second.status == 0)
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in
            try db.execute(sql: "UPDATE run SET status = 'running', endedAt = NULL WHERE id = 2")
            let cut = "SELECT id FROM sample WHERE runID = 2 AND id % 3 = 0"
            try db.execute(sql: "DELETE FROM score WHERE sampleID IN (\(cut))")
            try db.execute(sql: "DELETE FROM sample_tokens WHERE sampleID IN (\(cut))")
            try db.execute(sql: "DELETE FROM sample WHERE id IN (\(cut))")
        }
        try queue.close()
        let gate = try EvalctlProcess.run(["gate", "--candidate", "gpu-h100", "--store", store])
        // One determinism run is too small to pass (exit 2, "too few samples"); what matters here is which run it judged.
        #expect([0, 2].contains(gate.status) && !gate.stdout.contains("no samples"), "stdout: \(gate.stdout) stderr: \(gate.stderr)")
        #expect(gate.stderr.contains("judging run 1, the latest complete run (skipped run 2 is running or was killed)"), "\(gate.stderr)")
        #expect(gate.stdout.contains("run 1") && !gate.stdout.contains("infrastructure errors: 100%"), "\(gate.stdout)")
        let drift = try EvalctlProcess.run(["drift", "--store", store])
        #expect(drift.status == 0 && drift.stderr.contains("judging run 1"), "\(drift.stderr)")
        let explicit = try EvalctlProcess.run(["gate", "--candidate", "gpu-h100", "--run", "2", "--store", store])
        #expect(explicit.status == 2)
        #expect(explicit.stderr.contains("run 2 in \(store) is running, not complete"), "\(explicit.stderr)")
    }

    /// Whether this machine lets a test mount a small tmpfs in a mount namespace of its own.
    static let canMountTmpfs: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /tmp"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: canMountTmpfs, "needs unshare(1) and unprivileged mount namespaces"))
    func aFullDiskExitsFourNamingTheStoreAndKeepsWhatWasCommitted() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // In a mount namespace of its own: a 3 MiB tmpfs holds the first sweep (60 samples), not the second (300).
        let disk = out + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let evalctl = EvalctlProcess.executable.path
        let script = """
            mount -t tmpfs -o size=3m tmpfs '\(disk)' || exit 90
            '\(evalctl)' sweep --store '\(disk)/evalctl.sqlite' --suite determinism --platform reference --quiet > '\(out)/first.out' 2>&1
            echo $? > '\(out)/first.status'
            '\(evalctl)' sweep --store '\(disk)/evalctl.sqlite' --suite english-prose --quiet > '\(out)/second.out' 2> '\(out)/second.err'
            echo $? > '\(out)/second.status'
            cp '\(disk)/evalctl.sqlite' '\(out)/kept.sqlite'
            [ ! -f '\(disk)/evalctl.sqlite-wal' ] || cp '\(disk)/evalctl.sqlite-wal' '\(out)/kept.sqlite-wal'
            """
        let output = try EvalctlProcess.runShell(["unshare", "-rm", "sh", "-c", script])
        try #require(output.status == 0, "\(output.stderr)")
        func read(_ name: String) throws -> String { try String(contentsOfFile: "\(out)/\(name)", encoding: .utf8) }
        let first = try read("first.out")
        try #require(try read("first.status") == "0\n", "\(first)")
        let stderr = try read("second.err")
        #expect(try read("second.status") == "4\n", "stderr: \(stderr)")
        #expect(stderr.contains("\(disk)/evalctl.sqlite: cannot write the store: the disk is full"), "\(stderr)")
        #expect(stderr.contains("run 2 keeps") && stderr.split(separator: "\n").count == 1, "\(stderr)")
        let kept = try ResultStore(path: out + "/kept.sqlite", access: .readOnly)
        #expect(try kept.integrityCheck() == "ok")
        #expect(try kept.run(id: 1)?.status == .complete)
        #expect(try kept.runs().first { $0.id == 1 }?.samples == 60)
    }
}

/// A small deterministic generator for test data.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
