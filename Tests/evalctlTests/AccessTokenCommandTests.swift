import EvalStore
import EvalTesting
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// Vertex AI's `access_token_command`: run once, its output sent as the bearer token and treated as
/// a secret everywhere else.
@Suite(.serialized)
struct AccessTokenCommandTests {
    let token = "ya29.tok-DO-NOT-LEAK-4242"

    func configuration(folder: URL, baseURL: String, command: String) throws -> String {
        let config = folder.appendingPathComponent("evalctl.yaml").path
        try """
        reference: vertex
        suites: [\(EvalctlProcess.repository.path)/Evals/determinism.yaml]
        platforms:
          - {name: vertex, protocol: vertex-anthropic, base_url: "\(baseURL)", model: "claude-x@1", access_token_command: "\(command)", max_attempts: 1}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test func theCommandsOutputIsTheBearerTokenAndNeverLeaks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let seen = Mutex<(paths: Set<String>, authorizations: Set<String>)>(([], []))
        let router = Router()
        router.post("**") { request, _ -> Response in
            seen.withLock {
                $0.paths.insert(request.uri.path)
                $0.authorizations.insert(request.headers[.authorization] ?? "")
            }
            let body =
                #"{"type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"Paris."}],"stop_reason":"end_turn"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await LoopbackServer.with(router) { port in
            let base = "http://127.0.0.1:\(port)/v1/projects/p/locations/l/publishers/anthropic/models"
            let config = try configuration(folder: folder, baseURL: base, command: "printf '\(token)\\\\n'")
            let output = try EvalctlProcess.run(["sweep", "--config", config, "--log-level", "trace"])
            #expect(output.status == 0, "stderr: \(output.stderr.suffix(400))")
            #expect(!output.stdout.contains(token) && !output.stderr.contains(token))
        }
        let requests = seen.withLock { $0 }
        #expect(requests.authorizations == ["Bearer \(token)"])
        #expect(requests.paths == ["/v1/projects/p/locations/l/publishers/anthropic/models/claude-x@1:rawPredict"])
        let store = folder.appendingPathComponent("results/evalctl.sqlite").path
        for path in [store, store + "-wal"] where FileManager.default.fileExists(atPath: path) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).range(of: Data(token.utf8)) == nil, "the token is in \(path)")
        }
    }

    @Test func aFailingCommandIsAnInfrastructureErrorNamingItsStatusNotItsOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = try configuration(folder: folder, baseURL: "http://127.0.0.1:1/v1", command: "echo \(token); exit 3")
        let output = try EvalctlProcess.run(["sweep", "--config", config])
        #expect(output.status == 5, "stderr: \(output.stderr)")
        #expect(output.stderr.contains("platform 'vertex': access_token_command exited with status 3"), "\(output.stderr)")
        #expect(!output.stderr.contains(token) && !output.stdout.contains(token))
    }
}
