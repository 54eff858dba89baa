import EvalBackends
import EvalCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import Synchronization

/// A loopback HTTP proxy in front of one llama-server that injects a ``SamplerFault`` into a share
/// of the chat completions it relays; every other request (and the rest of the chat requests)
/// passes through unchanged.
///
/// A platform pointed at it is the real engine with a known serving bug.
public final class FaultProxy: Sendable {
    /// The proxy's OpenAI-compatible base URL (`http://127.0.0.1:PORT/v1`).
    public let baseURL: String
    /// The fault it injects.
    public let fault: SamplerFault
    private let task: Task<Void, any Error>
    private let tally: Counter

    /// Chat requests relayed, and how many of them carried the fault.
    public struct Tally: Sendable, Equatable {
        public var chatRequests = 0
        public var affected = 0

        public init(chatRequests: Int = 0, affected: Int = 0) {
            self.chatRequests = chatRequests
            self.affected = affected
        }
    }

    /// The tally, shared with the route handlers.
    final class Counter: Sendable {
        let value = Mutex(Tally())
    }

    private init(baseURL: String, fault: SamplerFault, task: Task<Void, any Error>, tally: Counter) {
        self.baseURL = baseURL
        self.fault = fault
        self.task = task
        self.tally = tally
    }

    /// Why the proxy did not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The chat requests relayed so far, and how many carried the fault.
    public var counts: Tally { tally.value.withLock { $0 } }

    /// Starts a proxy on a kernel-chosen loopback port.
    ///
    /// - Parameters:
    ///   - upstream: The server's root (`http://127.0.0.1:PORT`, no `/v1`).
    ///   - fault: What to inject, into which share of chat requests.
    ///   - transport: The HTTP client that relays.
    /// - Returns: The running proxy.
    public static func start(upstream: String, fault: SamplerFault, transport: HTTPTransport) async throws -> FaultProxy {
        let foreignTokens =
            fault.kind == .foreignBias ? try await singleTokens(of: SamplerFault.foreignCharacters, upstream: upstream, transport: transport) : []
        if fault.kind == .foreignBias, foreignTokens.isEmpty {
            throw StartError(description: "no character of \(String(SamplerFault.foreignCharacters)) is a single token at \(upstream)/tokenize")
        }
        let tally = Counter()
        let router = Router()
        let relay: @Sendable (Request, Data?) async throws -> Response = { request, body in
            var path = request.uri.path
            if let query = request.uri.query, !query.isEmpty { path += "?" + query }
            var outgoing = body
            if let body, request.method == .post, request.uri.path.hasSuffix("/chat/completions") {
                let hit = fault.affects(body: body)
                tally.value.withLock {
                    $0.chatRequests += 1
                    if hit { $0.affected += 1 }
                }
                if hit, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                    outgoing = try JSONSerialization.data(withJSONObject: fault.inject(into: object, foreignTokens: foreignTokens))
                }
            }
            do {
                let reply = try await transport.relay(method: request.method.rawValue, url: upstream + path, body: outgoing, timeout: 600)
                var headers = HTTPFields()
                headers[.contentType] = reply.contentType ?? "application/json"
                return Response(
                    status: HTTPResponse.Status(code: reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: reply.body)))
            } catch {
                return Response(
                    status: .badGateway, body: .init(byteBuffer: ByteBuffer(string: "{\"error\":{\"message\":\"fault proxy: \(error)\"}}")))
            }
        }
        router.post("**") { request, _ -> Response in
            try await relay(request, Data(buffer: try await request.body.collect(upTo: 64 << 20)))
        }
        router.get("**") { request, _ -> Response in try await relay(request, nil) }
        var logger = Logger(label: "evalctl.fault-proxy")
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "evalctl-fault-proxy"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger
        )
        let task = Task { try await app.run() }
        var ports = stream.makeAsyncIterator()
        guard let port = await ports.next(), port > 0 else {
            task.cancel()
            throw StartError(description: "the fault proxy for \(upstream) did not start listening")
        }
        return FaultProxy(baseURL: "http://127.0.0.1:\(port)/v1", fault: fault, task: task, tally: tally)
    }

    /// Stops the proxy and waits until it has closed.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Stops the proxy without waiting (from synchronous clean-up).
    public func cancel() {
        task.cancel()
    }

    /// The token ids of those characters the server's vocabulary holds as one token each.
    static func singleTokens(of characters: [Character], upstream: String, transport: HTTPTransport) async throws -> [Int] {
        var tokens: [Int] = []
        for character in characters {
            let body = try JSONSerialization.data(withJSONObject: ["content": String(character)])
            let reply = try await transport.relay(method: "POST", url: upstream + "/tokenize", body: body, timeout: 30)
            guard reply.status == 200, let object = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any],
                let ids = object["tokens"] as? [Int]
            else {
                throw StartError(
                    description: "\(upstream)/tokenize answered \(reply.status): \(String(decoding: reply.body.prefix(200), as: UTF8.self))")
            }
            if ids.count == 1 { tokens.append(ids[0]) }
        }
        return tokens
    }
}
