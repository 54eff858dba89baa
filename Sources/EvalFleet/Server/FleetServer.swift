import EvalCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat

/// Serves a ``FleetScenario`` over HTTP with OpenAI-compatible routes:
/// `/<platform>/v1/chat/completions`, `/<platform>/v1/completions` and `/<platform>/v1/models`.
public struct FleetServer: Sendable {
    /// The platforms served.
    public let scenario: FleetScenario
    let model: FleetLanguageModel
    let logger: Logger
    let clock: @Sendable () -> Double
    let chaosDraws: ChaosDraws
    /// Memoized generations, in instant mode (nil otherwise).
    let memo: Memo<String, Generation>?
    /// Memoized encoded chat responses, in instant mode (nil otherwise).
    let bodies: Memo<String, Data>?

    /// Creates a server.
    ///
    /// - Parameters:
    ///   - scenario: The platforms, their numerics, faults and chaos.
    ///   - model: The language model.
    ///   - logger: Where to log.
    ///   - clock: Seconds on the fleet's clock, against which fault schedules run (default: since
    ///     the server was created). A demo passes a simulated clock.
    ///   - chaosSeed: Seed of the chaos draws.
    ///   - instant: Serve each distinct (platform, prompt, sampling rule, faults) from a memo of its first
    ///     generation, whatever the seed: the model's cost is paid once, so benchmarks measure the
    ///     harness (HTTP, scoring, storage) rather than the simulated model.
    public init(
        scenario: FleetScenario = .standard, model: FleetLanguageModel = .shared, logger: Logger,
        clock: (@Sendable () -> Double)? = nil, chaosSeed: UInt64 = 0x6368_616F_73, instant: Bool = false
    ) {
        self.memo = instant ? Memo() : nil
        self.bodies = instant ? Memo() : nil
        self.scenario = scenario
        self.model = model
        self.logger = logger
        let origin = ContinuousClock.now
        self.clock = clock ?? { (ContinuousClock.now - origin).seconds }
        self.chaosDraws = ChaosDraws(seed: chaosSeed)
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
            try await handle(request, context) { platform, body in
                let chat = try JSONDecoder().decode(FleetChatRequest.self, from: body)
                return respond(to: chat, on: platform)
            }
        }
        router.post(":platform/v1/messages") { request, context -> Response in
            guard request.headers[values: HTTPField.Name("anthropic-version") ?? .accept].first != nil else {
                return Self.json(
                    FleetMessagesError(error: .init(type: "invalid_request_error", message: "anthropic-version: header is required")),
                    status: .badRequest
                )
            }
            return try await handle(request, context) { platform, body in
                let messages = try JSONDecoder().decode(FleetMessagesRequest.self, from: body)
                return respond(to: messages, on: platform)
            }
        }
        router.post(":platform/v1/completions") { request, context -> Response in
            try await handle(request, context) { platform, body in
                let completion = try JSONDecoder().decode(FleetCompletionRequest.self, from: body)
                return respond(to: completion, on: platform)
            }
        }
        return router
    }

    /// Generates with the platform's numerics, or serves the memo in instant mode.
    func generate(
        on platform: FleetPlatform, prompt: Prompt, rule: SamplingRule, maxTokens: Int, seed: UInt64, topLogprobs: Int,
        faults: GenerationFaults
    ) -> Generation {
        func run() -> Generation {
            model.generate(
                prompt: prompt, rule: rule, maxTokens: maxTokens, seed: seed, numerics: platform.numerics, topLogprobs: topLogprobs,
                faults: faults
            )
        }
        guard let memo else { return run() }
        let key = "\(platform.name)|\(prompt.contentHash)|\(rule)|\(maxTokens)|\(topLogprobs)|\(faults)"
        return memo.value(for: key, orMake: run)
    }

    /// Routes to a platform, applies its chaos, and decodes the body for `respond`.
    func handle(
        _ request: Request, _ context: BasicRequestContext, respond: (FleetPlatform, Data) throws -> Response
    ) async throws -> Response {
        guard let name = context.parameters.get("platform"), let platform = scenario.platform(named: name) else {
            return Self.error(.notFound, "no platform named '\(context.parameters.get("platform") ?? "")'", type: "not_found_error")
        }
        let body = Data(buffer: try await request.body.collect(upTo: 64 << 20))
        let outcome = platform.chaos.total > 0 ? platform.chaos.outcome(for: chaosDraws.nextUniform()) : .normal
        switch outcome {
        case .serverError:
            var response = Self.error(.serviceUnavailable, "the platform is overloaded", type: "server_error")
            if chaosDraws.nextUniform() < 0.5 { response.headers[.retryAfter] = "1" }
            return response
        case .rateLimited:
            var response = Self.error(.tooManyRequests, "rate limit reached", type: "rate_limit_error")
            response.headers[.retryAfter] = "1"
            return response
        case .slow:
            try await Task.sleep(for: .milliseconds(Int(platform.chaos.slowSeconds * 1000)))
        case .malformed:
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{\"id\": \"chatcmpl-broken\", \"choices\": [{\"mess"))
            )
        case .normal, .cut:
            break
        }
        let response: Response
        do {
            response = try respond(platform, body)
        } catch {
            return Self.error(.badRequest, "invalid request body: \(error)", type: "invalid_request_error")
        }
        guard outcome == .cut else { return response }
        return try await Self.cut(response)
    }

    /// The response's head with its full length announced, then half the body, then a closed connection.
    static func cut(_ response: Response) async throws -> Response {
        var collected = ByteBuffer()
        let body = response.body
        let writer = CollectingWriter { collected.writeImmutableBuffer($0) }
        try await body.write(writer)
        let half = collected.getSlice(at: collected.readerIndex, length: collected.readableBytes / 2) ?? ByteBuffer()
        var headers = response.headers
        headers[.contentLength] = "\(collected.readableBytes)"
        return Response(
            status: response.status, headers: headers,
            body: .init { writer in
                try await writer.write(half)
                throw CutConnection()
            }
        )
    }

    struct CutConnection: Error {}

    // MARK: - Chat completions

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
        let prompt = Prompt.messages(messages)
        let (faults, servedBy) = platform.faults(
            request: FleetPlatform.requestIdentity(seed: seed, prompt: prompt), routingKey: chat.user, at: clock())
        let rule = SamplingRule(temperature: temperature, topP: topP, topK: chat.top_k.flatMap { $0 > 0 ? $0 : nil })
        let maxTokens = max(1, chat.max_completion_tokens ?? chat.max_tokens ?? 256)
        let make = {
            chatResponse(
                on: platform, prompt: prompt, rule: rule, maxTokens: maxTokens, seed: seed, topLogprobs: topLogprobs,
                logprobs: chat.logprobs == true, faults: faults
            )
        }
        // Instant mode: the encoded body of the first response with these parameters, whatever the seed.
        let key = "chat|\(platform.name)|\(prompt.contentHash)|\(rule)|\(maxTokens)|\(topLogprobs)|\(chat.logprobs == true)|\(faults)|\(servedBy)"
        let data = bodies.map { $0.value(for: key, orMake: make) } ?? make()
        return Self.json(data: data, servedBy: servedBy)
    }

    /// Generates and encodes a chat completion.
    func chatResponse(
        on platform: FleetPlatform, prompt: Prompt, rule: SamplingRule, maxTokens: Int, seed: UInt64, topLogprobs: Int, logprobs wantsLogprobs: Bool,
        faults: GenerationFaults
    ) -> Data {
        let generation = generate(
            on: platform, prompt: prompt, rule: rule, maxTokens: maxTokens, seed: seed, topLogprobs: topLogprobs, faults: faults
        )
        let logprobs: FleetChatResponse.Logprobs? =
            wantsLogprobs
            ? .init(
                content: generation.tokens.map { token in
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
        return Self.encode(response)
    }

    // MARK: - Anthropic messages

    func respond(to request: FleetMessagesRequest, on platform: FleetPlatform) -> Response {
        guard request.model == scenario.model else {
            return Self.json(FleetMessagesError(error: .init(type: "not_found_error", message: "model: \(request.model)")), status: .notFound)
        }
        var messages: [ChatMessage] = request.system.map { [ChatMessage(role: .system, content: $0)] } ?? []
        for message in request.messages {
            guard let role = ChatMessage.Role(rawValue: message.role), role != .system else {
                return Self.json(
                    FleetMessagesError(error: .init(type: "invalid_request_error", message: "messages: unknown role")), status: .badRequest)
            }
            messages.append(ChatMessage(role: role, content: message.content))
        }
        let prompt = Prompt.messages(messages)
        let seed = StableHash.value(of: prompt.contentHash + (request.metadata?.user_id ?? ""))
        let (faults, servedBy) = platform.faults(
            request: FleetPlatform.requestIdentity(seed: seed, prompt: prompt), routingKey: request.metadata?.user_id, at: clock())
        let generation = generate(
            on: platform, prompt: prompt, rule: SamplingRule(temperature: request.temperature ?? 1, topP: request.top_p ?? 1, topK: request.top_k),
            maxTokens: max(1, request.max_tokens), seed: seed, topLogprobs: 0, faults: faults
        )
        let response = FleetMessagesResponse(
            id: "msg_\(platform.name)_\(String(seed, radix: 16))", model: scenario.model, content: [.init(text: generation.text)],
            stop_reason: generation.finishReason == "length" ? "max_tokens" : "end_turn",
            usage: .init(input_tokens: generation.promptTokens, output_tokens: generation.tokens.count)
        )
        return Self.json(response, servedBy: servedBy)
    }

    // MARK: - Completions

    func respond(to request: FleetCompletionRequest, on platform: FleetPlatform) -> Response {
        guard request.model == scenario.model else {
            return Self.error(.notFound, "the model '\(request.model)' does not exist", type: "invalid_request_error", code: "model_not_found")
        }
        guard request.stream != true, (request.n ?? 1) == 1 else {
            return Self.error(.badRequest, "streaming and n > 1 are not supported by the fleet", type: "invalid_request_error")
        }
        let texts: [String]
        switch request.prompt {
        case .text(let prompt): texts = [prompt]
        case .texts(let prompts) where !prompts.isEmpty && prompts.count <= 64: texts = prompts
        case .texts: return Self.error(.badRequest, "send 1 to 64 prompts per request", type: "invalid_request_error", param: "prompt")
        }
        let temperature = request.temperature ?? 1
        let topP = request.top_p ?? 1
        guard (0...2).contains(temperature), topP > 0, topP <= 1 else {
            return Self.error(.badRequest, "temperature must be in [0, 2] and top_p in (0, 1]", type: "invalid_request_error")
        }
        var choices: [FleetCompletionResponse.Choice] = []
        var promptTokens = 0
        var generatedTokens = 0
        var servedBy = ""
        for (index, text) in texts.enumerated() {
            let (choice, counts, server) = completionChoice(for: text, index: index, request: request, on: platform)
            choices.append(choice)
            promptTokens += counts.prompt
            generatedTokens += counts.generated
            servedBy = server
        }
        let response = FleetCompletionResponse(
            id: "cmpl-\(platform.name)-\(String(request.seed ?? 0, radix: 16))", created: Int(Date().timeIntervalSince1970), model: scenario.model,
            system_fingerprint: "fp_\(platform.name)", choices: choices,
            usage: .init(prompt_tokens: promptTokens, completion_tokens: generatedTokens, total_tokens: promptTokens + generatedTokens)
        )
        return Self.json(data: Data(response.json.utf8), servedBy: servedBy)
    }

    /// One prompt of a completions request: echoed and scored when asked, then continued.
    ///
    /// Offsets count Unicode scalars, as OpenAI's and vLLM's `text_offset` do.
    func completionChoice(
        for text: String, index: Int, request: FleetCompletionRequest, on platform: FleetPlatform
    ) -> (FleetCompletionResponse.Choice, (prompt: Int, generated: Int), servedBy: String) {
        let k = min(max(request.logprobs ?? 0, 0), 20)
        let seed = request.seed ?? 0
        let maxTokens = max(0, request.max_tokens ?? 16)
        let (faults, servedBy) = platform.faults(request: "\(seed)|\(StableHash.hex(of: text))", routingKey: request.user, at: clock())
        var tokens: [String] = []
        var tokenLogprobs: [Double?] = []
        var topLogprobs: [[String: Double]?] = []
        var offsets: [Int] = []
        var promptTokens = 0
        if request.echo == true {
            for token in model.score(text: text, numerics: platform.numerics, topLogprobs: k) {
                tokens.append(token.text)
                tokenLogprobs.append(token.logprob)
                topLogprobs.append(token.logprob == nil ? nil : Dictionary(token.top.map { ($0.text, $0.logprob) }, uniquingKeysWith: max))
                offsets.append(token.offset)
            }
            promptTokens = tokens.count
        } else {
            promptTokens = FleetTokenizer.tokenize(text).count
        }
        var completionText = ""
        var finishReason = "length"
        var generated = 0
        if maxTokens > 0 {
            let generation = generate(
                on: platform, prompt: .text(text),
                rule: SamplingRule(
                    temperature: request.temperature ?? 1, topP: request.top_p ?? 1, topK: request.top_k.flatMap { $0 > 0 ? $0 : nil }),
                maxTokens: maxTokens, seed: seed, topLogprobs: k, faults: faults
            )
            completionText = generation.text
            finishReason = generation.finishReason
            generated = generation.tokens.count
            var offset = request.echo == true ? text.unicodeScalars.count : 0
            for token in generation.tokens {
                tokens.append(token.text)
                tokenLogprobs.append(token.logprob)
                topLogprobs.append(Dictionary(token.top.map { ($0.text, $0.logprob) }, uniquingKeysWith: max))
                offsets.append(offset)
                offset += token.text.unicodeScalars.count
            }
        }
        let choice = FleetCompletionResponse.Choice(
            text: (request.echo == true ? text : "") + completionText, index: index,
            logprobs: request.logprobs == nil
                ? nil : .init(tokens: tokens, token_logprobs: tokenLogprobs, top_logprobs: topLogprobs, text_offset: offsets),
            finish_reason: finishReason
        )
        return (choice, (promptTokens, generated), servedBy)
    }

    // MARK: - Encoding

    static func encode(_ value: some Encodable) -> Data {
        (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, servedBy: String? = nil) -> Response {
        json(data: encode(value), status: status, servedBy: servedBy)
    }

    static func json(data: Data, status: HTTPResponse.Status = .ok, servedBy: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let servedBy, let name = HTTPField.Name("x-served-by") { headers[name] = servedBy }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, type: String, code: String? = nil, param: String? = nil) -> Response {
        json(FleetErrorBody(error: .init(message: message, type: type, code: code, param: param)), status: status)
    }
}

/// The chaos draws shared by all requests of a server.
final class ChaosDraws: @unchecked Sendable {
    // @unchecked: `generator` is only touched under `lock`, a pthread mutex, whose ordering
    // ThreadSanitizer sees (see `Memo`).
    private let lock = NSLock()
    private var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    func nextUniform() -> Double { lock.withLock { generator.nextUniform() } }
}

/// Collects a response body's buffers (to cut it in half for chaos).
struct CollectingWriter: ResponseBodyWriter {
    let collect: (ByteBuffer) -> Void
    init(_ collect: @escaping (ByteBuffer) -> Void) { self.collect = collect }
    mutating func write(_ buffer: ByteBuffer) async throws { collect(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
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
