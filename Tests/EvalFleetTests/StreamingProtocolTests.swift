import EvalCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

@testable import EvalBackends
import EvalTesting

/// Streamed answers (`stream: true`): the event-stream reader, and each protocol's stream against
/// recorded event sequences in the APIs' documented formats, served on loopback with pauses
/// between events.
@Suite(.serialized)
struct StreamingProtocolTests {
    let logger = Logger(label: "test")

    // MARK: - The event-stream reader

    static let sample = "event: a\ndata: one\n\n: keep-alive\ndata: two\ndata:three\n\r\nid: 7\nretry: 10\ndata:  four\r\rdata: cut"

    @Test func eventsAreTheSameHoweverTheBodyIsSplit() throws {
        let bytes = Array(Self.sample.utf8)
        var whole = ServerSentEventDecoder()
        let expected = try whole.feed(bytes)
        #expect(
            expected == [
                ServerSentEvent(event: "a", data: "one"), ServerSentEvent(event: nil, data: "two\nthree"), ServerSentEvent(event: nil, data: " four"),
            ])
        // Every split point, CR LF pairs included: the same events.
        for split in 0...bytes.count {
            var decoder = ServerSentEventDecoder()
            let events = try decoder.feed(bytes[..<split]) + decoder.feed(bytes[split...])
            #expect(events == expected, "split at \(split)")
        }
    }

    @Test func aLineLongerThanTheLimitIsRefused() {
        var decoder = ServerSentEventDecoder(maximumLineBytes: 8)
        #expect(throws: ServerSentEventDecoder.LineTooLong.self) { try decoder.feed(Array("data: 0123456789\n\n".utf8)) }
    }

    // MARK: - Loopback servers

    /// A server that answers every POST with an event stream, pausing before each event, and
    /// remembers the last request.
    final class StreamingServer: Sendable {
        private let last = Mutex<(body: String, path: String)>(("", ""))
        var lastBody: String { last.withLock { $0.body } }
        var lastPath: String { last.withLock { $0.path } }
        func record(body: String, path: String) { last.withLock { $0 = (body, path) } }
    }

    func withStream(
        events: [String], pause: Duration = .milliseconds(40), contentType: String = "text/event-stream",
        _ test: (String, HTTPTransport, StreamingServer) async throws -> Void
    ) async throws {
        try await withStream(chunks: events.map { ByteBuffer(string: $0) }, pause: pause, contentType: contentType, test)
    }

    /// Serves `chunks` as the body of every POST's reply, pausing before each.
    func withStream(
        chunks: [ByteBuffer], pause: Duration, contentType: String, _ test: (String, HTTPTransport, StreamingServer) async throws -> Void
    ) async throws {
        let server = StreamingServer()
        let router = Router()
        router.post("**") { request, _ -> Response in
            let sent = String(buffer: try await request.body.collect(upTo: 1 << 20))
            server.record(body: sent, path: request.uri.path)
            return Response(
                status: .ok, headers: [.contentType: contentType],
                body: ResponseBody { writer in
                    for chunk in chunks {
                        try await Task.sleep(for: pause)
                        try await writer.write(chunk)
                    }
                    try await writer.finish(nil)
                })
        }
        try await LoopbackServer.with(router) { port in
            let transport = HTTPTransport()
            do {
                try await test("http://127.0.0.1:\(port)/v1", transport, server)
            } catch {
                try? await transport.shutdown()
                throw error
            }
            try await transport.shutdown()
        }
    }

    func platform(_ url: String, _ wire: PlatformConfiguration.WireProtocol) -> PlatformConfiguration {
        var platform = PlatformConfiguration(name: "p", wireProtocol: wire, baseURL: url, model: "m", requestTimeout: 5)
        platform.stream = true
        return platform
    }

    let request = CompletionRequest(
        model: "m", prompt: .messages([ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Hi")]),
        sampling: SamplingParameters(temperature: 0, topP: 1, maxTokens: 20), seed: 7, topLogprobs: 2, routingKey: "rk-1"
    )

    // MARK: - OpenAI chat

    static func chunk(_ delta: String, logprob: Double? = nil, finish: String? = nil) -> String {
        let logprobs = logprob.map { #","logprobs":{"content":[{"token":"\#(delta)","logprob":\#($0),"top_logprobs":[]}]}"# } ?? ""
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        let head = #"data: {"id":"c1","object":"chat.completion.chunk","model":"m-2024","system_fingerprint":"fp_1","#
        return head + #""choices":[{"index":0,"delta":{"content":"\#(delta)"}\#(logprobs),"finish_reason":\#(reason)}]}"# + "\n\n"
    }

    @Test func openAIChatStreamAssemblesTextLogprobsUsageAndTiming() async throws {
        let events = [
            #"data: {"id":"c1","object":"chat.completion.chunk","model":"m-2024","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#
                + "\n\n",
            Self.chunk("Hel", logprob: -0.1), Self.chunk("lo", logprob: -0.2), ": keep-alive\n\n", Self.chunk("!", logprob: -0.3, finish: "stop"),
            #"data: {"id":"c1","object":"chat.completion.chunk","model":"m-2024","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}"#
                + "\n\n",
            "data: [DONE]\n\n",
        ]
        try await withStream(events: events) { url, transport, server in
            let completion = try await OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: nil, transport: transport)
                .complete(request, logger: logger)
            #expect(completion.text == "Hello!" && completion.finishReason == "stop" && completion.reportedModel == "m-2024")
            #expect(completion.systemFingerprint == "fp_1" && completion.completionTokens == 3)
            #expect(completion.tokens.map(\.token) == ["Hel", "lo", "!"] && completion.tokens.map(\.logprob) == [-0.1, -0.2, -0.3])
            let timing = try #require(completion.streamTiming)
            // The first text came with the second event (two pauses of 40 ms), the others 40 ms apart
            // (a keep-alive between the second and third).
            #expect(timing.timeToFirstToken >= 0.07, "\(timing)")
            #expect(timing.interTokenGaps.count == 2 && timing.interTokenGaps.allSatisfy { $0 >= 0.03 }, "\(timing)")
            #expect(server.lastBody.contains(#""stream":true"#) && server.lastBody.contains(#""include_usage":true"#))
        }
    }

    @Test func aStreamEndingBeforeItsLastEventIsTruncated() async throws {
        try await withStream(events: [Self.chunk("Hel"), Self.chunk("lo")]) { url, transport, _ in
            let error = await #expect(throws: InfraError.self) {
                try await OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: nil, transport: transport).complete(request, logger: logger)
            }
            #expect(error?.kind == .truncated && error?.message.contains("[DONE]") == true, "\(String(describing: error))")
            #expect(error?.isRetryable == true)
        }
    }

    @Test func anErrorChunkEndsTheStreamAsTruncatedWithItsMessage() async throws {
        let events = [Self.chunk("Hel"), #"data: {"error":{"message":"engine dead","type":"InternalServerError","code":500}}"# + "\n\n"]
        try await withStream(events: events) { url, transport, _ in
            let error = await #expect(throws: InfraError.self) {
                try await OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: nil, transport: transport).complete(request, logger: logger)
            }
            #expect(error?.kind == .truncated && error?.message.contains("engine dead") == true, "\(String(describing: error))")
        }
    }

    @Test func aServerThatDoesNotStreamIsSaidSoInOneLine() async throws {
        let body = #"{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#
        try await withStream(events: [body], contentType: "application/json") { url, transport, _ in
            let error = await #expect(throws: InfraError.self) {
                try await OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: nil, transport: transport).complete(request, logger: logger)
            }
            #expect(error?.kind == .malformedBody && error?.message.contains("does not stream") == true, "\(String(describing: error))")
        }
    }

    @Test func aServerThatRefusesStreamOptionsIsAskedAgainWithoutThem() async throws {
        // A stricter OpenAI-compatible server: unknown request fields are a 400 naming the field.
        let router = Router()
        router.post("**") { request, _ -> Response in
            let sent = String(buffer: try await request.body.collect(upTo: 1 << 20))
            if sent.contains("stream_options") {
                return Response(
                    status: .badRequest, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"Unrecognized request argument supplied: stream_options"}"#)))
            }
            let events = [Self.chunk("Hi", finish: "stop"), "data: [DONE]\n\n"]
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody(contentsOf: events.map { ByteBuffer(string: $0) }))
        }
        try await LoopbackServer.with(router) { port in
            let transport = HTTPTransport()
            let completion = try await OpenAIChatBackend(
                platform: platform("http://127.0.0.1:\(port)/v1", .openAIChat), apiKey: nil, transport: transport
            )
            .complete(request, logger: logger)
            try await transport.shutdown()
            #expect(completion.text == "Hi" && completion.completionTokens == nil)
        }
    }

    /// Log lines at warning and above, kept for a test to read.
    final class WarningLog: LogHandler, Sendable {
        private let lines = Mutex<[String]>([])
        var messages: [String] { lines.withLock { $0 } }
        var metadata: Logger.Metadata {
            get { [:] }
            set {}
        }
        var logLevel: Logger.Level {
            get { .warning }
            set {}
        }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { nil }
            set {}
        }
        func log(event: LogEvent) { lines.withLock { $0.append("\(event.message)") } }
    }

    @Test func aServerThatRefusesLogprobsOnAStreamWithToolsIsAskedAgainWithoutThemAndSaysSoOnce() async throws {
        // llama.cpp: `logprobs` with tools on a stream is a 400 naming the field.
        let router = Router()
        let requests = Mutex(0)
        router.post("**") { request, _ -> Response in
            let sent = String(buffer: try await request.body.collect(upTo: 1 << 20))
            requests.withLock { $0 += 1 }
            if sent.contains("\"logprobs\"") {
                return Response(
                    status: .badRequest, headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string:
                                #"{"error":{"code":400,"message":"logprobs is not supported with tools + stream","type":"invalid_request_error"}}"#)))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody(contentsOf: Self.openAIStreamedCall.map { ByteBuffer(string: $0) }))
        }
        try await LoopbackServer.with(router) { port in
            let transport = HTTPTransport()
            let log = WarningLog()
            let logger = Logger(label: "test") { _ in log }
            let backend = OpenAIChatBackend(platform: platform("http://127.0.0.1:\(port)/v1", .openAIChat), apiKey: nil, transport: transport)
            for _ in 0..<2 {
                let completion = try await backend.complete(toolRequest, logger: logger)
                #expect(completion.toolCalls == [ToolCall(name: "get_weather", arguments: #"{"city": "Paris"}"#)])
                #expect(completion.tokens.isEmpty && completion.streamTiming != nil)
            }
            try await transport.shutdown()
            #expect(requests.withLock { $0 } == 4, "each answer: refused once, then asked without logprobs")
            #expect(log.messages.count == 1, "\(log.messages)")
            #expect(
                log.messages.first?.contains("refuses logprobs on a stream") == true
                    && log.messages.first?.contains("no token log-probabilities") == true)
        }
    }

    @Test func aChunkOfTheWrongShapeIsMalformedAndNamedByEventAndPath() async throws {
        let events = [Self.chunk("Hel"), #"data: {"choices":[{"index":0,"delta":{"content":7}}]}"# + "\n\n", "data: [DONE]\n\n"]
        try await withStream(events: events) { url, transport, _ in
            let error = await #expect(throws: InfraError.self) {
                try await OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: nil, transport: transport).complete(request, logger: logger)
            }
            #expect(error?.kind == .malformedBody, "\(String(describing: error))")
            #expect(error?.message.contains("stream event 2") == true && error?.message.contains("choices[0].delta.content") == true)
        }
    }

    // MARK: - OpenAI completions

    @Test func openAICompletionsStreamReadsBothLogprobLayouts() async throws {
        // OpenAI's legacy arrays in the first chunks, llama.cpp's `content[]` in the last.
        let legacy = { (text: String, logprob: Double) in
            #"data: {"id":"k","object":"text_completion","model":"m","choices":[{"index":0,"text":"\#(text)","logprobs":{"tokens":["\#(text)"],"#
                + #""token_logprobs":[\#(logprob)],"top_logprobs":[{"\#(text)":\#(logprob)}],"text_offset":[0]},"finish_reason":null}]}"# + "\n\n"
        }
        let events = [
            legacy(" Paris", -0.5), legacy(",", -0.25),
            #"data: {"id":"k","object":"text_completion","model":"m","choices":[{"index":0,"text":" France","logprobs":{"content":["#
                + #"{"token":" France","logprob":-0.125,"top_logprobs":[{"token":" France","logprob":-0.125}]}]},"finish_reason":"length"}]}"#
                + "\n\n",
            #"data: {"id":"k","object":"text_completion","model":"m","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":3}}"# + "\n\n",
            "data: [DONE]\n\n",
        ]
        try await withStream(events: events, pause: .milliseconds(5)) { url, transport, server in
            let completion = try await OpenAICompletionsBackend(platform: platform(url, .openAICompletions), apiKey: nil, transport: transport)
                .complete(request, logger: logger)
            #expect(completion.text == " Paris, France" && completion.finishReason == "length")
            #expect(completion.tokens.map(\.token) == [" Paris", ",", " France"] && completion.tokens.map(\.logprob) == [-0.5, -0.25, -0.125])
            #expect(completion.completionTokens == 3 && completion.promptTokens == 4 && completion.streamTiming?.interTokenGaps.count == 2)
            #expect(server.lastPath == "/v1/completions" && server.lastBody.contains(#""stream":true"#))
        }
    }

    // MARK: - Anthropic Messages, directly and on Vertex AI

    static let anthropicEvents = [
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: ping\ndata: {\"type\":\"ping\"}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    ]

    @Test func anthropicStreamAssemblesTextStopReasonAndUsage() async throws {
        try await withStream(events: Self.anthropicEvents, pause: .milliseconds(20)) { url, transport, server in
            let completion = try await AnthropicBackend(platform: platform(url, .anthropic), apiKey: APIKey("sk-ant-xyz"), transport: transport)
                .complete(request, logger: logger)
            #expect(completion.text == "Hi there" && completion.finishReason == "length" && completion.completionTokens == 20)
            #expect(completion.reportedModel == "claude-x")
            let timing = try #require(completion.streamTiming)
            #expect(timing.timeToFirstToken >= 0.07 && timing.interTokenGaps.count == 1, "\(timing)")
            #expect(server.lastPath == "/v1/messages" && server.lastBody.contains(#""stream":true"#))
        }
    }

    @Test func vertexStreamsThroughStreamRawPredict() async throws {
        try await withStream(events: Self.anthropicEvents, pause: .milliseconds(1)) { url, transport, server in
            var vertex = platform(url + "/projects/p-1/locations/us-east5/publishers/anthropic/models", .vertexAnthropic)
            vertex.model = "claude-x@20250514"
            let completion = try await AnthropicBackend(platform: vertex, apiKey: APIKey("ya29.token"), transport: transport)
                .complete(request, logger: logger)
            #expect(completion.text == "Hi there")
            #expect(server.lastPath.hasSuffix("/models/claude-x@20250514:streamRawPredict"), "\(server.lastPath)")
        }
    }

    @Test func anAnthropicErrorEventOrAMissingMessageStopIsTruncated() async throws {
        let overloaded = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
        for (events, quoted) in [
            (Array(Self.anthropicEvents.prefix(4)) + [overloaded], "overloaded_error"), (Array(Self.anthropicEvents.dropLast()), "message_stop"),
        ] {
            try await withStream(events: events, pause: .milliseconds(1)) { url, transport, _ in
                let backend = AnthropicBackend(platform: platform(url, .anthropic), apiKey: nil, transport: transport)
                let error = await #expect(throws: InfraError.self) { try await backend.complete(request, logger: logger) }
                #expect(error?.kind == .truncated && error?.message.contains(quoted) == true, "\(String(describing: error))")
            }
        }
    }

    // MARK: - Tool calls

    static let weather = ToolDefinition(
        name: "get_weather", description: "Weather",
        parameters: .object([("type", .string("object")), ("properties", .object([("city", .object([("type", .string("string"))]))]))]))

    var toolRequest: CompletionRequest {
        var request = self.request
        request.tools = [Self.weather]
        request.toolChoice = .named("get_weather")
        return request
    }

    static let openAIWholeCall = [
        #"{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","#
            + #""function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},"finish_reason":"tool_calls"}]}"#
    ]

    static let openAIStreamedCall = [
        #"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","#
            + #""function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": "}}]},"finish_reason":null}]}"#
            + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":"tool_calls"}]}"#
            + "\n\n",
        "data: [DONE]\n\n",
    ]

    static let anthropicWholeCall = [
        #"{"model":"claude-x","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],"stop_reason":"tool_use"}"#
    ]

    static let anthropicStreamedCall = [
        anthropicEvents[0],
        "event: content_block_start\n"
            + #"data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}"#
            + "\n\n",
        "event: content_block_delta\n"
            + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\": "}}"# + "\n\n",
        "event: content_block_delta\n"
            + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}"# + "\n\n",
        "event: content_block_stop\n" + #"data: {"type":"content_block_stop","index":0}"# + "\n\n",
        "event: message_delta\n" + #"data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}"# + "\n\n",
        "event: message_stop\n" + #"data: {"type":"message_stop"}"# + "\n\n",
    ]

    /// OpenAI's `message.tool_calls` (with `content: null`) or `delta.tool_calls` pieces; Anthropic's
    /// `tool_use` blocks or `input_json_delta` pieces; the tools and the choice sent in each API's form.
    @Test(arguments: [false, true])
    func toolCallsGoOutAndComeBackInEachProtocolsForm(streamed: Bool) async throws {
        let contentType = streamed ? "text/event-stream" : "application/json"
        try await withStream(events: streamed ? Self.openAIStreamedCall : Self.openAIWholeCall, pause: .milliseconds(1), contentType: contentType) {
            url, transport, server in
            var openAI = platform(url, .openAIChat)
            openAI.stream = streamed
            let completion = try await OpenAIChatBackend(platform: openAI, apiKey: nil, transport: transport).complete(toolRequest, logger: logger)
            #expect(completion.toolCalls == [ToolCall(name: "get_weather", arguments: #"{"city": "Paris"}"#)] && completion.text == "")
            #expect(completion.finishReason == "tool_calls")
            let sent = try #require(try JSONSerialization.jsonObject(with: Data(server.lastBody.utf8)) as? [String: Any])
            let tools = try #require(sent["tools"] as? [[String: Any]])
            #expect(
                (tools.first?["function"] as? [String: Any])?["name"] as? String == "get_weather" && tools.first?["type"] as? String == "function")
            #expect(((sent["tool_choice"] as? [String: Any])?["function"] as? [String: Any])?["name"] as? String == "get_weather")
        }
        try await withStream(
            events: streamed ? Self.anthropicStreamedCall : Self.anthropicWholeCall, pause: .milliseconds(1), contentType: contentType
        ) { url, transport, server in
            var anthropic = platform(url, .anthropic)
            anthropic.stream = streamed
            let completion = try await AnthropicBackend(platform: anthropic, apiKey: nil, transport: transport).complete(toolRequest, logger: logger)
            let call = try #require(completion.toolCalls.first)
            #expect(completion.toolCalls.count == 1 && call.name == "get_weather" && completion.finishReason == "tool_use")
            // The arguments are JSON text: the stream's pieces as sent, the whole answer's input re-encoded.
            guard case .success(let arguments) = JSONParser.parse(call.arguments) else {
                Issue.record("not JSON: \(call.arguments)")
                return
            }
            #expect(arguments == .object([("city", .string("Paris"))]))
            let sent = try #require(try JSONSerialization.jsonObject(with: Data(server.lastBody.utf8)) as? [String: Any])
            #expect((sent["tools"] as? [[String: Any]])?.first?["input_schema"] != nil)
            #expect((sent["tool_choice"] as? [String: Any])?["type"] as? String == "tool")
        }
    }

    // MARK: - Bedrock ConverseStream (AWS event-stream framing)

    /// One event-stream message: prelude, string headers, payload, both CRC-32s.
    static func frame(_ headers: [(String, String)], _ payload: String) -> [UInt8] {
        var head: [UInt8] = []
        for (name, value) in headers {
            head.append(UInt8(name.utf8.count))
            head += Array(name.utf8)
            head.append(7)
            head += [UInt8(value.utf8.count >> 8), UInt8(value.utf8.count & 0xFF)]
            head += Array(value.utf8)
        }
        let body = Array(payload.utf8)
        func be(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        var message = be(UInt32(16 + head.count + body.count)) + be(UInt32(head.count))
        message += be(CRC32.checksum(message))
        message += head + body
        return message + be(CRC32.checksum(message))
    }

    static func event(_ type: String, _ payload: String) -> [UInt8] {
        frame([(":event-type", type), (":content-type", "application/json"), (":message-type", "event")], payload)
    }

    static let converseStream: [[UInt8]] = [
        event("messageStart", #"{"role":"assistant"}"#),
        event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"Hi "}}"#),
        event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"there"}}"#),
        event("contentBlockStop", #"{"contentBlockIndex":0}"#),
        event("contentBlockStart", #"{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"t1","name":"get_weather"}}}"#),
        event("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"city\":"}}}"#),
        event("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"\"Paris\"}"}}}"#),
        event("contentBlockStop", #"{"contentBlockIndex":1}"#),
        event("messageStop", #"{"stopReason":"tool_use"}"#),
        event("metadata", #"{"usage":{"inputTokens":9,"outputTokens":20,"totalTokens":29},"metrics":{"latencyMs":300}}"#),
    ]

    @Test(arguments: [false, true])
    func vertexTakesToolsAsTheMessagesAPIDoes(streamed: Bool) async throws {
        let events = streamed ? Self.anthropicStreamedCall : Self.anthropicWholeCall
        try await withStream(events: events, pause: .milliseconds(1), contentType: streamed ? "text/event-stream" : "application/json") {
            url, transport, server in
            var vertex = platform(url + "/projects/p/locations/l/publishers/anthropic/models", .vertexAnthropic)
            vertex.stream = streamed
            let completion = try await AnthropicBackend(platform: vertex, apiKey: APIKey("ya29.t"), transport: transport)
                .complete(toolRequest, logger: logger)
            #expect(completion.toolCalls.map(\.name) == ["get_weather"])
            #expect(server.lastPath.hasSuffix(streamed ? ":streamRawPredict" : ":rawPredict") && server.lastBody.contains(#""input_schema""#))
        }
    }

    @Test func aKeyQuotedBackInAStreamsErrorIsRedacted() async throws {
        let events = [Self.chunk("Hel"), #"data: {"error":{"message":"invalid key sk-secret-123 for this model"}}"# + "\n\n"]
        try await withStream(events: events, pause: .milliseconds(1)) { url, transport, _ in
            let backend = OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: APIKey("sk-secret-123"), transport: transport)
            let error = await #expect(throws: InfraError.self) { try await backend.complete(request, logger: logger) }
            #expect(error?.kind == .truncated && error?.message.contains("sk-secret-123") == false, "\(String(describing: error))")
        }
    }

    @Test func crc32IsZlibs() {
        // The standard check value of CRC-32 (IEEE): the checksum of the ASCII digits 1 to 9.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func eventStreamMessagesAreTheSameHoweverTheBodyIsSplitAndChecksumsAreChecked() throws {
        let bytes = Self.converseStream.flatMap { $0 }
        var whole = AWSEventStreamDecoder()
        let expected = try whole.feed(bytes)
        #expect(
            expected.count == 10
                && expected[1].event == ServerSentEvent(event: "contentBlockDelta", data: #"{"contentBlockIndex":0,"delta":{"text":"Hi "}}"#))
        for split in stride(from: 0, through: bytes.count, by: 7) {
            var decoder = AWSEventStreamDecoder()
            #expect(try decoder.feed(bytes[..<split]) + decoder.feed(bytes[split...]) == expected, "split at \(split)")
        }
        // A flipped payload byte breaks the message's CRC; a flipped length, the prelude's.
        var corrupt = Self.converseStream[1]
        corrupt[corrupt.count - 6] ^= 0x01
        var decoder = AWSEventStreamDecoder()
        #expect(throws: AWSEventStreamDecoder.Malformed.self) { try decoder.feed(corrupt) }
        var prelude = Self.converseStream[1]
        prelude[3] ^= 0x01
        var other = AWSEventStreamDecoder()
        #expect(throws: AWSEventStreamDecoder.Malformed.self) { try other.feed(prelude) }
    }

    func withEventStream(_ messages: [[UInt8]], _ test: (String, HTTPTransport, StreamingServer) async throws -> Void) async throws {
        try await withStream(
            chunks: messages.map { ByteBuffer(bytes: $0) }, pause: .milliseconds(2), contentType: "application/vnd.amazon.eventstream", test)
    }

    @Test func bedrockConverseStreamAssemblesTextToolCallsAndUsage() async throws {
        try await withEventStream(Self.converseStream) { url, transport, server in
            var bedrock = platform(url, .bedrockConverse)
            bedrock.model = "anthropic.claude-3-haiku-20240307-v1:0"
            let completion = try await BedrockConverseBackend(platform: bedrock, apiKey: APIKey("k"), transport: transport)
                .complete(request, logger: logger)
            #expect(completion.text == "Hi there" && completion.finishReason == "tool_use" && completion.completionTokens == 20)
            #expect(completion.promptTokens == 9 && completion.streamTiming?.interTokenGaps.count == 3, "two text pieces, two of the tool input")
            #expect(completion.toolCalls == [ToolCall(name: "get_weather", arguments: #"{"city":"Paris"}"#)])
            #expect(server.lastPath.hasSuffix("/converse-stream"), "\(server.lastPath)")
        }
    }

    @Test func aBedrockExceptionMessageOrAMissingMessageStopIsTruncated() async throws {
        let throttled = Self.frame(
            [(":exception-type", "throttlingException"), (":content-type", "application/json"), (":message-type", "exception")],
            #"{"message":"Too many requests"}"#)
        for (messages, quoted) in [
            (Array(Self.converseStream.prefix(2)) + [throttled], "throttlingException: Too many requests"),
            (Array(Self.converseStream.prefix(4)), "messageStop"),
        ] {
            try await withEventStream(messages) { url, transport, _ in
                let backend = BedrockConverseBackend(platform: platform(url, .bedrockConverse), apiKey: APIKey("k"), transport: transport)
                let error = await #expect(throws: InfraError.self) { try await backend.complete(request, logger: logger) }
                #expect(error?.kind == .truncated && error?.message.contains(quoted) == true, "\(String(describing: error))")
            }
        }
    }

    @Test func theMedianGapIsTheInterTokenLatency() {
        #expect(StreamTiming(timeToFirstToken: 0.1, interTokenGaps: [0.03, 0.01, 0.02]).medianInterTokenGap == 0.02)
        #expect(StreamTiming(timeToFirstToken: 0.1, interTokenGaps: [0.04, 0.01, 0.02, 0.03]).medianInterTokenGap == 0.025)
        #expect(StreamTiming(timeToFirstToken: 0.1).medianInterTokenGap == nil)
        var timer = StreamTimer()
        #expect(timer.timing == nil)
        timer.generated(at: 0.5)
        timer.generated(at: 0.75)
        #expect(timer.timing == StreamTiming(timeToFirstToken: 0.5, interTokenGaps: [0.25]))
    }
}
