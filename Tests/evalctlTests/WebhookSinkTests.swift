import EvalTesting
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// The webhook sink against a receiver on loopback: the Slack-compatible body arrives, the URL (a
/// secret) appears nowhere, and a receiver that keeps failing makes the command exit 5 with the
/// alerts already stored.
@Suite(.serialized)
struct WebhookSinkTests {
    final class Receiver: Sendable {
        let bodies = Mutex<[String]>([])
        let status: HTTPResponse.Status
        init(status: HTTPResponse.Status) { self.status = status }
    }

    /// Runs `test` with a receiver listening at `http://127.0.0.1:<port>/hooks/<token>`.
    func withReceiver(status: HTTPResponse.Status, _ test: (String, Receiver) async throws -> Void) async throws {
        let receiver = Receiver(status: status)
        let router = Router()
        router.post("hooks/:token") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            receiver.bodies.withLock { $0.append(body) }
            return Response(status: receiver.status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        try await LoopbackServer.with(router) { port in
            try await test("http://127.0.0.1:\(port)/hooks/T0KEN-s3cr3t", receiver)
        }
    }

    func regressedStore() async throws -> (store: String, config: String) {
        let history = SyntheticHistory()
        let store = EvalctlProcess.temporaryStore()
        let folder = (store as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/evalctl.yaml"
        try history.configuration(store: store, sinks: "    - type: webhook\n      url_env: EVALCTL_TEST_WEBHOOK").write(
            toFile: config, atomically: true, encoding: .utf8)
        try await history.write(path: store, runs: 30, start: 1_760_000_000, seed: 3) { _, _, _ in 0.02 }
        try await history.write(path: store, runs: 4, start: 1_760_000_000 + 30 * 3600, seed: 4) { platform, metric, _ in
            platform == "broken" && metric == "language-mix" ? 0.5 : 0.02
        }
        return (store, config)
    }

    @Test func openedAlertsArePostedAsASlackCompatibleBody() async throws {
        let (store, config) = try await regressedStore()
        try await withReceiver(status: .ok) { url, receiver in
            let output = try EvalctlProcess.run(["alerts", "--config", config, "--detect"], environment: ["EVALCTL_TEST_WEBHOOK": url])
            #expect(output.status == 0, "stderr: \(output.stderr)")
            let bodies = receiver.bodies.withLock { $0 }
            #expect(bodies.count == 1, "one POST for the alerts a pass opened: \(bodies.map { String($0.prefix(300)) })")
            let json = try #require(try JSONSerialization.jsonObject(with: Data((bodies.first ?? "").utf8)) as? [String: Any])
            #expect((json["text"] as? String ?? "").contains("broken"))
            let alerts = try #require(json["alerts"] as? [[String: Any]])
            #expect(!alerts.isEmpty && alerts.allSatisfy { $0["platform"] as? String == "broken" && $0["metric"] as? String == "language-mix" })
            #expect(alerts.allSatisfy { $0["status"] as? String == "open" && $0["evidence"] is [String: Any] })
            #expect(!output.stdout.contains("T0KEN") && !output.stderr.contains("T0KEN"), "the webhook URL is a secret")
        }
        let database = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(database.range(of: Data("T0KEN".utf8)) == nil, "the URL is not stored")
    }

    @Test func aFailingReceiverIsRetriedThenExitsFiveWithTheAlertsStored() async throws {
        let (_, config) = try await regressedStore()
        try await withReceiver(status: .internalServerError) { url, receiver in
            let output = try EvalctlProcess.run(["alerts", "--config", config, "--detect"], environment: ["EVALCTL_TEST_WEBHOOK": url])
            #expect(output.status == 5, "stderr: \(output.stderr)")
            #expect(output.stderr.contains("webhook"), "\(output.stderr)")
            #expect(!output.stderr.contains("T0KEN"), "the error names the sink, never the URL")
            #expect(receiver.bodies.withLock { $0.count } == 3, "bounded retries: 3 attempts")
            let stored = try EvalctlProcess.run(["alerts", "--config", config, "--format", "json"])
            let alerts = try #require(try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [[String: Any]])
            #expect(!alerts.isEmpty && alerts.allSatisfy { $0["status"] as? String == "open" })
        }
        // The receiver is back: the next detection pass delivers what it missed, once.
        try await withReceiver(status: .ok) { url, receiver in
            let again = try EvalctlProcess.run(["alerts", "--config", config, "--detect"], environment: ["EVALCTL_TEST_WEBHOOK": url])
            #expect(again.status == 0, "stderr: \(again.stderr)")
            let bodies = receiver.bodies.withLock { $0 }
            #expect(bodies.count == 1 && bodies[0].contains("\"status\":\"open\""), "\(bodies)")
            let third = try EvalctlProcess.run(["alerts", "--config", config, "--detect"], environment: ["EVALCTL_TEST_WEBHOOK": url])
            #expect(third.status == 0 && receiver.bodies.withLock { $0.count } == 1, "delivered alerts are not sent twice")
        }
    }
}
