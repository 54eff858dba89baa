import EvalCore
import Foundation
import Logging
import Synchronization
import NIOCore
import NIOHTTP1
import NIOFoundationCompat

/// One JSON-over-HTTP endpoint of a platform: encodes a body, posts it within the platform's
/// deadline, classifies failures, and decodes the reply.
///
/// Every protocol's backend sends through one.
struct JSONEndpoint: Sendable {
    let platform: PlatformConfiguration
    let transport: HTTPTransport
    /// The full URL: the platform's base URL and the protocol's path.
    let url: String
    /// The fields this platform's server has refused, each said once.
    private let refusals = Refusals()

    init(platform: PlatformConfiguration, transport: HTTPTransport, path: String) {
        self.platform = platform
        self.transport = transport
        let base = platform.baseURL.hasSuffix("/") ? String(platform.baseURL.dropLast()) : platform.baseURL
        self.url = base + path
    }

    /// An engine's native route, at the server's root rather than under the OpenAI routes' `/v1`.
    init(platform: PlatformConfiguration, transport: HTTPTransport, nativePath path: String) {
        var root = platform
        root.baseURL = Self.serverRoot(of: platform.baseURL)
        self.init(platform: root, transport: transport, path: path)
    }

    /// Reads an engine's native GET route (`/props`, `/version`) to tell which engine serves a
    /// platform; `nil` when the route is missing, slow (10 s at most) or answers another shape.
    static func probe<Reply: JSONReply>(_ platform: PlatformConfiguration, transport: HTTPTransport, nativePath path: String, as: Reply.Type) async
        -> Reply?
    {
        let url = serverRoot(of: platform.baseURL) + path
        guard let reply = try? await transport.get(url: url, timeout: min(platform.requestTimeout, 10)), reply.status == 200 else { return nil }
        guard case .success(let json) = reply.body.withUnsafeReadableBytes({ JSONParser.parse($0, maxDepth: 64) }) else { return nil }
        return try? Reply(json: json)
    }

    /// The server's root URL: the base URL without a trailing `/v1`.
    static func serverRoot(of baseURL: String) -> String {
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/v1") { root.removeLast(3) }
        return root
    }

    /// Posts a request and decodes the reply with Foundation's decoder.
    ///
    /// - Parameters:
    ///   - body: The request body.
    ///   - headers: Extra headers (authentication, versions, routing key).
    ///   - expecting: What the reply should be, for error messages ("an OpenAI chat completion").
    /// - Returns: The decoded reply and the replica named by the first configured served-by header.
    func post<Body: Encodable, Reply: Decodable>(
        _ body: Body, headers: [(String, String)], expecting: String, as: Reply.Type = Reply.self,
        signing: (@Sendable (_ url: String, _ body: Data) -> [(String, String)])? = nil
    ) async throws(InfraError) -> (Reply, servedBy: String?) {
        let reply = try await send(body, headers: headers, signing: signing)
        let decoded: Reply
        do {
            decoded = try JSONDecoder().decode(Reply.self, from: Data(buffer: reply.body))
        } catch {
            throw InfraError(.malformedBody, "not \(expecting): \(DecodingErrorSummary.describe(error))")
        }
        return (decoded, servedBy(reply.headers))
    }

    /// Posts a request and reads the reply with evalctl's JSON parser (the hot path of a sweep).
    func postParsed<Body: Encodable, Reply: JSONReply>(
        _ body: Body, headers: [(String, String)], expecting: String, as: Reply.Type = Reply.self
    ) async throws(InfraError) -> (Reply, servedBy: String?) {
        let reply = try await send(body, headers: headers)
        let json: JSONValue
        switch reply.body.withUnsafeReadableBytes({ JSONParser.parse($0, maxDepth: 64) }) {
        case .success(let value): json = value
        case .failure(let failure): throw InfraError(.malformedBody, "not \(expecting): \(failure)")
        }
        do throws(JSONShapeError) {
            return (try Reply(json: json), servedBy(reply.headers))
        } catch {
            throw InfraError(.malformedBody, "not \(expecting): \(error)")
        }
    }

    private func send<Body: Encodable>(
        _ body: Body, headers: [(String, String)], signing: (@Sendable (_ url: String, _ body: Data) -> [(String, String)])? = nil
    ) async throws(InfraError) -> HTTPTransport.Reply {
        let data = try Self.encode(body)
        // A signature covers the body's exact bytes, so it is made from them here.
        let headers = headers + (signing?(url, data) ?? [])
        let reply = try await transport.postJSON(url: url, headers: headers, body: data, timeout: platform.requestTimeout)
        do {
            try HTTPStatusCheck.check(reply)
        } catch {
            throw Self.redacted(error, headers: headers)
        }
        return reply
    }

    /// Posts a request for a streamed answer and reads its events into `accumulator`.
    ///
    /// - Returns: The accumulator at the stream's end and the replica named by the first
    ///   configured served-by header.
    func stream<Body: Encodable, Accumulator: StreamAccumulator>(
        _ body: Body, headers: [(String, String)], framing: StreamFraming = .serverSentEvents, into accumulator: Accumulator,
        signing: (@Sendable (_ url: String, _ body: Data) -> [(String, String)])? = nil
    ) async throws(InfraError) -> (Accumulator, servedBy: String?) {
        let data = try Self.encode(body)
        let headers = headers + (signing?(url, data) ?? [])
        do {
            let (result, replyHeaders) = try await transport.postStream(
                url: url, headers: headers, body: data, timeout: platform.requestTimeout, framing: framing, into: accumulator)
            return (result, servedBy(replyHeaders))
        } catch {
            throw Self.redacted(error, headers: headers)
        }
    }

    /// A field of a streamed request that a server may refuse by name, and how to take it out.
    struct RefusableField<Body>: Sendable {
        /// The field's name, as a refusal quotes it (`stream_options`, `logprobs`).
        let name: String
        /// What the answers lack without it, for the one line that says so.
        let without: String
        let remove: @Sendable (inout Body) -> Void
    }

    /// Streams a request, asking again without a field the server refuses by name.
    ///
    /// A server that refuses one of `refusable` by name (an HTTP 4xx quoting it:
    /// an older or stricter OpenAI-compatible server refusing `stream_options`, llama.cpp refusing
    /// `logprobs` with tools on a stream) is asked again without that field, each field at most once.
    /// The first time a platform's server refuses a field it is said in one line, with what the
    /// answers then lack.
    func stream<Body: Encodable & Sendable, Accumulator: StreamAccumulator>(
        _ body: Body, headers: [(String, String)], into accumulator: Accumulator, refusable: [RefusableField<Body>], logger: Logger
    ) async throws(InfraError) -> (Accumulator, servedBy: String?) {
        var body = body
        var remaining = refusable
        while true {
            do {
                return try await stream(body, headers: headers, into: accumulator)
            } catch  where error.kind == .http4xx {
                guard let index = remaining.firstIndex(where: { error.message.contains($0.name) }) else { throw error }
                let field = remaining.remove(at: index)
                field.remove(&body)
                if refusals.first(field.name) {
                    logger.warning(
                        "platform \(platform.name): the server refuses \(field.name) on a stream (\(error.message.prefix(160))); asked again without it, these answers carry \(field.without)"
                    )
                }
            }
        }
    }

    private static func encode<Body: Encodable>(_ body: Body) throws(InfraError) -> Data {
        do {
            return try JSONEncoder().encode(body)
        } catch {
            throw InfraError(.http4xx, "cannot encode the request: \(error)")
        }
    }

    /// A server that rejects a key often quotes it back (in a status body or an error event): the
    /// message never carries it further.
    private static func redacted(_ error: InfraError, headers: [(String, String)]) -> InfraError {
        var redacted = error
        redacted.message = credentials(in: headers).redact(error.message)
        return redacted
    }

    /// The credentials a request carries (`Authorization`, `x-api-key`), bare and with their scheme.
    static func credentials(in headers: [(String, String)]) -> SecretRedactor {
        var values: [String] = []
        for (name, value) in headers where ["authorization", "x-api-key", "api-key", "x-amz-security-token"].contains(name.lowercased()) {
            values.append(value)
            if let space = value.firstIndex(of: " ") { values.append(String(value[value.index(after: space)...])) }
        }
        return SecretRedactor(secrets: values)
    }

    /// The replica named by the first configured served-by header of a reply.
    private func servedBy(_ headers: HTTPHeaders) -> String? {
        platform.servedByHeaders.lazy.compactMap { headers.first(name: $0) }.first
    }
}

/// The fields a platform's server refused that were already said, so each is said once (an
/// endpoint belongs to one platform).
final class Refusals: Sendable {
    private let seen = Mutex<Set<String>>([])

    /// Whether `field` is new (and remembers it).
    func first(_ field: String) -> Bool {
        seen.withLock { $0.insert(field).inserted }
    }
}
