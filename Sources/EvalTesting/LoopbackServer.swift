import Hummingbird
import Logging

/// Serves a router on an ephemeral loopback port for the duration of a test body, and stops it
/// afterwards, whether the body returns or throws.
public enum LoopbackServer {
    /// Runs `body` with the port a server answering through `router` listens on.
    public static func with(_ router: Router<BasicRequestContext>, _ body: (Int) async throws -> Void) async throws {
        var quiet = Logger(label: "loopback")
        quiet.logLevel = .critical
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quiet
        )
        let task = Task { try await app.run() }
        var iterator = stream.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        do {
            try await body(port)
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
        task.cancel()
        _ = try? await task.value
    }
}
