import EvalCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat

/// Serves a ``FleetScenario`` over HTTP with OpenAI-compatible routes:
/// `/<platform>/v1/chat/completions` and `/<platform>/v1/models`.
public struct FleetServer: Sendable {
    /// The platforms served.
    public let scenario: FleetScenario
    let model: FleetLanguageModel
    let logger: Logger

    /// Creates a server.
    public init(scenario: FleetScenario = .standard, model: FleetLanguageModel = .shared, logger: Logger) {
        self.scenario = scenario
        self.model = model
        self.logger = logger
    }

    /// Serves until the task is cancelled.
    ///
    /// - Parameters:
    ///   - host: Address to bind, `127.0.0.1` by default.
    ///   - port: Port to bind; 0 picks a free one.
    ///   - onStarted: Called with the bound port once the server accepts connections.
    public func run(host: String = "127.0.0.1", port: Int, onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "evalctl-fleet"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? port) },
            logger: logger
        )
        try await app.run()
    }

    /// Starts the server in a background task and waits until it listens.
    ///
    /// - Returns: A handle with the base URL; cancel it to stop the server.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningFleet {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await self.run(host: host, port: port) { continuation.yield($0) }
        }
        var iterator = stream.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        return RunningFleet(baseURL: "http://\(host):\(bound)", task: task)
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get(":platform/v1/models") { _, context -> Response in
            guard let name = context.parameters.get("platform"), scenario.platform(named: name) != nil else {
                return Self.error(.notFound, "no platform named '\(context.parameters.get("platform") ?? "")'", type: "not_found_error")
            }
            return Self.json(FleetModelList(data: [.init(id: scenario.model)]))
        }
        router.post(":platform/v1/chat/completions") { request, context -> Response in
            guard let name = context.parameters.get("platform"), let platform = scenario.platform(named: name) else {
                return Self.error(.notFound, "no platform named '\(context.parameters.get("platform") ?? "")'", type: "not_found_error")
            }
            let body = try await request.body.collect(upTo: 64 << 20)
            let chat: FleetChatRequest
            do {
                chat = try JSONDecoder().decode(FleetChatRequest.self, from: Data(buffer: body))
            } catch {
                return Self.error(.badRequest, "invalid request body: \(error)", type: "invalid_request_error")
            }
            return respond(to: chat, on: platform)
        }
        return router
    }

    func respond(to chat: FleetChatRequest, on platform: FleetPlatform) -> Response {
        guard chat.model == scenario.model else {
            return Self.error(.notFound, "the model '\(chat.model)' does not exist", type: "invalid_request_error", code: "model_not_found")
        }
        guard chat.stream != true else {
            return Self.error(.badRequest, "streaming is not supported by the fleet", type: "invalid_request_error", param: "stream")
        }
        guard (chat.n ?? 1) == 1 else {
            return Self.error(.badRequest, "only n = 1 is supported", type: "invalid_request_error", param: "n")
        }
        var messages: [ChatMessage] = []
        for message in chat.messages {
            guard let role = ChatMessage.Role(rawValue: message.role) else {
                return Self.error(.badRequest, "unknown role '\(message.role)'", type: "invalid_request_error", param: "messages")
            }
            messages.append(ChatMessage(role: role, content: message.content))
        }
        let temperature = chat.temperature ?? 1
        let topP = chat.top_p ?? 1
        guard (0...2).contains(temperature), topP > 0, topP <= 1 else {
            return Self.error(.badRequest, "temperature must be in [0, 2] and top_p in (0, 1]", type: "invalid_request_error")
        }
        let topLogprobs = chat.logprobs == true ? min(max(chat.top_logprobs ?? 0, 0), 20) : 0
        let seed = chat.seed ?? 0
        let generation = model.generate(
            prompt: .messages(messages),
            rule: SamplingRule(temperature: temperature, topP: topP, topK: chat.top_k.flatMap { $0 > 0 ? $0 : nil }),
            maxTokens: max(1, chat.max_completion_tokens ?? chat.max_tokens ?? 256), seed: seed,
            numerics: platform.numerics, topLogprobs: topLogprobs
        )
        let logprobs: FleetChatResponse.Logprobs? = chat.logprobs == true
            ? .init(content: generation.tokens.map { token in
                .init(
                    token: token.text, logprob: token.logprob, bytes: Array(token.text.utf8),
                    top_logprobs: token.top.map { .init(token: $0.text, logprob: $0.logprob, bytes: Array($0.text.utf8)) }
                )
            })
            : nil
        let response = FleetChatResponse(
            id: "chatcmpl-\(platform.name)-\(String(seed, radix: 16))", created: Int(Date().timeIntervalSince1970),
            model: scenario.model, system_fingerprint: "fp_\(platform.name)",
            choices: [.init(message: .init(content: generation.text), logprobs: logprobs, finish_reason: generation.finishReason)],
            usage: .init(
                prompt_tokens: generation.promptTokens, completion_tokens: generation.tokens.count,
                total_tokens: generation.promptTokens + generation.tokens.count
            )
        )
        var result = Self.json(response)
        if let served = HTTPField.Name("x-served-by") {
            result.headers[served] = platform.replica(forRoutingKey: chat.user)
        }
        return result
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, type: String, code: String? = nil, param: String? = nil) -> Response {
        json(FleetErrorBody(error: .init(message: message, type: type, code: code, param: param)), status: status)
    }
}

/// A fleet server running in a background task.
public struct RunningFleet: Sendable {
    /// `http://127.0.0.1:<port>`: platforms are under `<baseURL>/<platform>/v1`.
    public let baseURL: String
    let task: Task<Void, any Error>

    /// The base URL of one platform's OpenAI-compatible API.
    public func platformURL(_ name: String) -> String { "\(baseURL)/\(name)/v1" }

    /// Stops the server and waits for it to close.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
