import EvalBackends
import EvalCore
import EvalFleet
import EvalTesting
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Each protocol against responses recorded in the APIs' documented formats, served on loopback,
/// and against the fleet.
@Suite(.serialized)
struct BackendProtocolTests {
    let logger = Logger(label: "test")

    /// A server that answers every POST with one recorded response, and remembers the last request.
    final class RecordedServer: Sendable {
        private let last = Mutex<(headers: HTTPFields, body: String, path: String)>(([:], "", ""))
        var lastHeaders: HTTPFields { last.withLock { $0.headers } }
        var lastBody: String { last.withLock { $0.body } }
        var lastPath: String { last.withLock { $0.path } }

        /// Written by the server's handler, read by the test: one lock between them.
        func record(headers: HTTPFields, body: String, path: String) { last.withLock { $0 = (headers, body, path) } }
    }

    func withRecorded(
        status: HTTPResponse.Status, headers: HTTPFields = [:], body: String, _ test: (String, HTTPTransport, RecordedServer) async throws -> Void
    ) async throws {
        let recorded = RecordedServer()
        let router = Router()
        router.post("**") { request, _ -> Response in
            let sent = String(buffer: try await request.body.collect(upTo: 1 << 20))
            recorded.record(headers: request.headers, body: sent, path: request.uri.path)
            var fields = headers
            fields[.contentType] = "application/json"
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await LoopbackServer.with(router) { port in
            let transport = HTTPTransport()
            do {
                try await test("http://127.0.0.1:\(port)/v1", transport, recorded)
            } catch {
                try? await transport.shutdown()
                throw error
            }
            try await transport.shutdown()
        }
    }

    /// The error the chat backend throws for one recorded reply.
    func chatError(_ status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: String) async throws -> InfraError {
        var caught: InfraError?
        try await withRecorded(status: status, headers: headers, body: body) { url, transport, _ in
            do {
                _ = try await OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: nil, transport: transport).complete(
                    request, logger: logger)
            } catch let error as InfraError {
                caught = error
            }
        }
        return try #require(caught, "expected an error")
    }

    func platform(_ url: String, _ wire: PlatformConfiguration.WireProtocol) -> PlatformConfiguration {
        PlatformConfiguration(name: "p", wireProtocol: wire, baseURL: url, model: "m", requestTimeout: 5)
    }

    let request = CompletionRequest(
        model: "m", prompt: .messages([ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Hi")]),
        sampling: SamplingParameters(temperature: 0.5, topP: 0.9, maxTokens: 20), seed: 7, topLogprobs: 2, routingKey: "rk-1"
    )

    @Test func openAIChatWithLogprobs() async throws {
        let body = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m-2024","system_fingerprint":"fp_1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop",
               "logprobs":{"content":[{"token":"Hello","logprob":-0.1,"bytes":[72],"top_logprobs":[{"token":"Hello","logprob":-0.1,"bytes":[72]},{"token":"Hi","logprob":-2.5,"bytes":[72]}]},
                                      {"token":"!","logprob":-0.3,"bytes":[33],"top_logprobs":[]}]}}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
            """
        try await withRecorded(status: .ok, headers: [HTTPField.Name("x-served-by")!: "pool-b/replica-3"], body: body) { url, transport, server in
            let backend = OpenAIChatBackend(platform: platform(url, .openAIChat), apiKey: APIKey("sk-abc"), transport: transport)
            let completion = try await backend.complete(request, logger: logger)
            #expect(completion.text == "Hello!" && completion.finishReason == "stop" && completion.reportedModel == "m-2024")
            #expect(completion.systemFingerprint == "fp_1" && completion.servedBy == "pool-b/replica-3" && completion.completionTokens == 2)
            #expect(completion.tokens.map(\.token) == ["Hello", "!"] && completion.tokens[0].top.map(\.token) == ["Hello", "Hi"])
            #expect(server.lastHeaders[.authorization] == "Bearer sk-abc")
            #expect(server.lastHeaders[HTTPField.Name("x-evalctl-routing-key")!] == "rk-1")
            #expect(server.lastBody.contains("\"user\":\"rk-1\"") && server.lastBody.contains("\"top_logprobs\":2"))
        }
    }

    @Test func openAICompletionsWithLogprobs() async throws {
        let body = """
            {"id":"cmpl-1","object":"text_completion","created":1,"model":"m",
             "choices":[{"text":" Paris.","index":0,"finish_reason":"length",
               "logprobs":{"tokens":[" Paris","."],"token_logprobs":[-0.2,-0.05],"top_logprobs":[{" Paris":-0.2," Lyon":-3.0},{".":-0.05}],"text_offset":[10,16]}}],
             "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            let backend = OpenAICompletionsBackend(platform: platform(url, .openAICompletions), apiKey: nil, transport: transport)
            let completion = try await backend.complete(request, logger: logger)
            #expect(completion.text == " Paris." && completion.finishReason == "length")
            #expect(completion.tokens.map(\.token) == [" Paris", "."] && completion.tokens[0].top.map(\.token) == [" Paris", " Lyon"])
            #expect(server.lastBody.contains("\"logprobs\":2") && server.lastHeaders[.authorization] == nil)
        }
    }

    @Test func openAICompletionsInLlamaCppsLayout() async throws {
        // llama.cpp (0.5.0-dev, 0c1e570) answers /v1/completions with the chat-style `logprobs.content[]`.
        let body = """
            {"choices":[{"text":" is Paris","index":0,"finish_reason":"length","logprobs":{"content":[
              {"id":314,"token":" is","bytes":[32,105,115],"logprob":-0.454,"top_logprobs":[{"id":314,"token":" is","bytes":[32,105,115],"logprob":-0.454},{"id":28,"token":",","bytes":[44],"logprob":-2.43}]},
              {"id":7042,"token":" Paris","bytes":[32,80,97,114,105,115],"logprob":-0.258,"top_logprobs":[{"id":7042,"token":" Paris","bytes":[32,80,97,114,105,115],"logprob":-0.258}]}]}}],
             "model":"smol","system_fingerprint":"b1-0c1e570","object":"text_completion","usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6}}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, _ in
            let backend = OpenAICompletionsBackend(platform: platform(url, .openAICompletions), apiKey: nil, transport: transport)
            let completion = try await backend.complete(request, logger: logger)
            #expect(completion.tokens.map(\.token) == [" is", " Paris"])
            #expect(completion.tokens.map(\.logprob) == [-0.454, -0.258])
            #expect(completion.tokens[0].top.map(\.token) == [" is", ","])
            #expect(completion.completionTokens == 2 && completion.systemFingerprint == "b1-0c1e570")
        }
    }

    @Test func llamaCppTeacherForcingSendsTheTemplatedPromptAndAGrammarForTheAnswer() async throws {
        // One recorded reply serves both routes: /apply-template reads `prompt`, /completion the probabilities.
        let body = """
            {"prompt":"<|im_start|>user\\nq<|im_end|>\\n<|im_start|>assistant\\n","content":"Hi \\"you\\"","completion_probabilities":[
              {"id":1,"token":"Hi","bytes":[72,105],"logprob":-0.5,"top_logprobs":[{"id":2,"token":"Hello","bytes":[],"logprob":-0.4},{"id":1,"token":"Hi","bytes":[],"logprob":-0.5}]},
              {"id":3,"token":" \\"you\\"","bytes":[],"logprob":-1.5,"top_logprobs":[]},
              {"id":0,"token":"","bytes":[],"logprob":-0.1,"top_logprobs":[]}]}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            let forcer = LlamaCppTeacherForcer(platform: platform(url, .openAIChat), apiKey: APIKey("sk-llama"), transport: transport)
            let forced = try await forcer.teacherForce([ForcingRequest(prompt: .text("q"), answer: "Hi \"you\"")], topLogprobs: 4)
            let tokens = try #require(forced.first)
            #expect(tokens.map(\.text) == ["Hi", " \"you\"", ""])
            #expect(tokens.map(\.offset) == [0, 2, 8])
            #expect(tokens[0].top.map(\.token) == ["Hello", "Hi"], "alternatives most likely first")
            // The last request went to the native /completion route, not /v1, with the answer as a GBNF literal.
            #expect(server.lastBody.contains("\"n_probs\":4") && server.lastBody.contains("\"temperature\":0"))
            #expect(server.lastBody.contains(#"root ::= \"Hi \\\"you\\\"\""#), "\(server.lastBody)")
            #expect(server.lastHeaders[.authorization] == "Bearer sk-llama")
        }
    }

    @Test func vllmTeacherForcingEchoesTheTemplatedPromptAndTheAnswerAsTokenIDs() async throws {
        // One recorded reply serves the three calls: both /tokenize calls read `tokens`, /v1/completions the choices,
        // in vLLM's documented layout (echo: the prompt's positions first, the generated token last).
        let body = """
            {"count":3,"max_model_len":4096,"tokens":[10,11,12],
             "id":"cmpl-1","object":"text_completion","model":"m","choices":[{"index":0,"text":"<s>user\\nThe cat sat down","finish_reason":"length",
               "logprobs":{"tokens":["<s>","user","\\n","The"," cat"," sat"," down"],"token_logprobs":[null,-1.0,-2.0,-0.5,-0.25,-0.125,-3.0],
                 "top_logprobs":[null,{"user":-1.0},{"\\n":-0.1},{"A":-0.4,"The":-0.5},{" cat":-0.25},{" sat":-0.125," ran":-2.5},{" down":-3.0}],
                 "text_offset":[0,3,7,8,11,15,19]}}]}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            let forcer = VLLMTeacherForcer(platform: platform(url, .openAIChat), apiKey: nil, transport: transport)
            let forced = try await forcer.teacherForce([ForcingRequest(prompt: .text("q"), answer: "The cat sat")], topLogprobs: 2)
            let tokens = try #require(forced.first)
            #expect(tokens.map(\.text) == ["The", " cat", " sat"])
            #expect(tokens.map(\.offset) == [0, 3, 7])
            #expect(tokens.map(\.logprob) == [-0.5, -0.25, -0.125])
            #expect(tokens[0].top.map(\.token) == ["A", "The"])
            #expect(server.lastBody.contains("\"prompt\":[10,11,12,10,11,12]") && server.lastBody.contains("\"echo\":true"), "\(server.lastBody)")
        }
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080"), ("http://h/v1/", "http://h"), ("http://h/llama", "http://h/llama"),
    ])
    func llamaCppNativeRoutesAreAtTheServersRoot(base: String, root: String) {
        #expect(LlamaCppTeacherForcer.serverRoot(of: base) == root)
    }

    @Test func gbnfLiteralsEscapeWhatTheGrammarParserReads() {
        #expect(GBNFLiteral.grammar(matching: "a\"b\\c\nd\te\u{1}ф") == #"root ::= "a\"b\\c\nd\te\x01ф""#)
    }

    @Test func anthropicMessages() async throws {
        let body = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"Hi there"}],
             "stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":20}}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            let backend = AnthropicBackend(platform: platform(url, .anthropic), apiKey: APIKey("sk-ant-xyz"), transport: transport)
            let completion = try await backend.complete(request, logger: logger)
            #expect(completion.text == "Hi there" && completion.finishReason == "length" && completion.tokens.isEmpty)
            #expect(completion.completionTokens == 20 && completion.reportedModel == "claude-x")
            #expect(server.lastHeaders[HTTPField.Name("x-api-key")!] == "sk-ant-xyz")
            #expect(server.lastHeaders[HTTPField.Name("anthropic-version")!] == AnthropicBackend.apiVersion)
            #expect(server.lastBody.contains("\"system\":\"Be brief.\"") && !server.lastBody.contains("\"role\":\"system\""))
        }
    }

    /// Vertex AI's route for Anthropic models: the model in the path (`…/models/{model}:rawPredict`),
    /// `anthropic_version` in the body, an OAuth access token as the bearer; the answer as the Messages API's.
    @Test func anthropicMessagesOnVertexAI() async throws {
        let body = """
            {"id":"msg_vrtx_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"Hi there"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":3}}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            var vertex = platform(url + "/projects/p-1/locations/us-east5/publishers/anthropic/models", .vertexAnthropic)
            vertex.model = "claude-x@20250514"
            #expect(vertex.topLogprobs == 0)
            let backend = AnthropicBackend(platform: vertex, apiKey: APIKey("ya29.token"), transport: transport)
            let completion = try await backend.complete(request, logger: logger)
            #expect(completion.text == "Hi there" && completion.finishReason == "stop" && completion.completionTokens == 3)
            #expect(
                server.lastPath == "/v1/projects/p-1/locations/us-east5/publishers/anthropic/models/claude-x@20250514:rawPredict",
                "\(server.lastPath)")
            #expect(server.lastHeaders[.authorization] == "Bearer ya29.token")
            #expect(server.lastHeaders[HTTPField.Name("x-api-key")!] == nil && server.lastHeaders[HTTPField.Name("anthropic-version")!] == nil)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(server.lastBody.utf8)) as? [String: Any])
            #expect(json["anthropic_version"] as? String == AnthropicBackend.vertexVersion && json["model"] == nil)
            #expect(json["system"] as? String == "Be brief." && (json["max_tokens"] as? Int ?? 0) > 0)
        }
        // And no method can teacher-force through it.
        let transport = HTTPTransport()
        let forcers = await BackendFactory.teacherForcers(
            for: platform("http://127.0.0.1:1/v1", .vertexAnthropic), apiKey: nil, transport: transport)
        try await transport.shutdown()
        #expect(forcers.isEmpty)
    }

    /// Amazon Bedrock's Converse API: the model id (with its `:`) in the path, the messages as
    /// content blocks, the system prompt apart, a Bedrock API key as the bearer.
    @Test func bedrockConverse() async throws {
        let body = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hi "},{"text":"there"}]}},"stopReason":"max_tokens",
             "usage":{"inputTokens":9,"outputTokens":20,"totalTokens":29},"metrics":{"latencyMs":321}}
            """
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            var bedrock = platform(url, .bedrockConverse)
            bedrock.model = "anthropic.claude-3-haiku-20240307-v1:0"
            #expect(bedrock.topLogprobs == 0)
            let backend = BedrockConverseBackend(platform: bedrock, apiKey: APIKey("bedrock-api-key-abc"), transport: transport)
            let completion = try await backend.complete(request, logger: logger)
            #expect(completion.text == "Hi there" && completion.finishReason == "length" && completion.completionTokens == 20)
            // The id's `:` is sent encoded, as AWS's SDKs send it (and sign it).
            #expect(
                ["/v1/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", "/v1/model/anthropic.claude-3-haiku-20240307-v1:0/converse"]
                    .contains(server.lastPath), "\(server.lastPath)")
            #expect(server.lastHeaders[.authorization] == "Bearer bedrock-api-key-abc")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(server.lastBody.utf8)) as? [String: Any])
            let system = try #require(json["system"] as? [[String: Any]])
            #expect(system.first?["text"] as? String == "Be brief.")
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 1 && messages[0]["role"] as? String == "user")
            #expect((messages[0]["content"] as? [[String: Any]])?.first?["text"] as? String == "Hi")
            let config = try #require(json["inferenceConfig"] as? [String: Any])
            #expect(config["maxTokens"] as? Int == 20 && config["temperature"] as? Double == 0.5 && config["topP"] as? Double == 0.9)
        }
        // Without an API key, AWS credentials sign the request (SigV4, service bedrock, region from AWS_REGION).
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            let environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret-example", "AWS_REGION": "eu-west-1"]
            let backend = BedrockConverseBackend(
                platform: platform(url, .bedrockConverse), apiKey: nil, transport: transport, environment: environment)
            _ = try await backend.complete(request, logger: logger)
            let authorization = server.lastHeaders[.authorization] ?? ""
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "\(authorization)")
            #expect(authorization.contains("/eu-west-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature="))
            #expect(server.lastHeaders[HTTPField.Name("x-amz-date")!]?.count == 16)
            #expect(!authorization.contains("secret-example"))
        }
        // A guardrail's reply holds no text: no answer, never an empty one that passes.
        try await withRecorded(
            status: .ok, body: #"{"output":{"message":{"role":"assistant","content":[]}},"stopReason":"guardrail_intervened"}"#
        ) { url, transport, _ in
            do {
                _ = try await BedrockConverseBackend(platform: platform(url, .bedrockConverse), apiKey: nil, transport: transport).complete(
                    request, logger: logger)
                Issue.record("expected an error")
            } catch let error as InfraError {
                #expect(error.kind == .noContent && error.message.contains("guardrail_intervened"), "\(error)")
            }
        }
    }

    /// Converse's tools: `toolConfig.tools[].toolSpec` with the schema under `inputSchema.json`,
    /// the choice as `{"tool": {"name": …}}`; the calls come back as `toolUse` blocks.
    @Test func bedrockConverseToolCalls() async throws {
        let body = #"""
            {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]}},
             "stopReason":"tool_use","usage":{"inputTokens":40,"outputTokens":12,"totalTokens":52}}
            """#
        try await withRecorded(status: .ok, body: body) { url, transport, server in
            var withTools = request
            withTools.tools = [
                ToolDefinition(
                    name: "get_weather", description: "Weather",
                    parameters: .object([("type", .string("object")), ("properties", .object([("city", .object([("type", .string("string"))]))]))]))
            ]
            withTools.toolChoice = .named("get_weather")
            let completion = try await BedrockConverseBackend(platform: platform(url, .bedrockConverse), apiKey: APIKey("k"), transport: transport)
                .complete(withTools, logger: logger)
            #expect(completion.toolCalls == [ToolCall(name: "get_weather", arguments: #"{"city":"Paris"}"#)] && completion.text == "")
            #expect(completion.finishReason == "tool_use" && completion.promptTokens == 40)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(server.lastBody.utf8)) as? [String: Any])
            let config = try #require(json["toolConfig"] as? [String: Any])
            let spec = try #require((config["tools"] as? [[String: Any]])?.first?["toolSpec"] as? [String: Any])
            #expect(spec["name"] as? String == "get_weather" && (spec["inputSchema"] as? [String: Any])?["json"] != nil)
            #expect(((config["toolChoice"] as? [String: Any])?["tool"] as? [String: Any])?["name"] as? String == "get_weather")
        }
    }

    @Test(arguments: [
        (HTTPResponse.Status.tooManyRequests, "2", InfraError.Kind.http429, 2.0),
        (HTTPResponse.Status(code: 529), "", InfraError.Kind.http5xx, nil),
        (HTTPResponse.Status.serviceUnavailable, "1", InfraError.Kind.http5xx, 1.0),
        (HTTPResponse.Status.unauthorized, "", InfraError.Kind.http4xx, nil),
    ])
    func errorsAreClassifiedWithRetryAfter(status: HTTPResponse.Status, retryAfter: String, kind: InfraError.Kind, seconds: Double?) async throws {
        let headers: HTTPFields = retryAfter.isEmpty ? [:] : [.retryAfter: retryAfter]
        try await withRecorded(
            status: status, headers: headers, body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        ) {
            url, transport, _ in
            do {
                _ = try await AnthropicBackend(platform: platform(url, .anthropic), apiKey: nil, transport: transport).complete(
                    request, logger: logger)
                Issue.record("expected an error")
            } catch let error as InfraError {
                #expect(error.kind == kind && error.retryAfter == seconds && error.status == status.code)
            }
        }
    }

    @Test(arguments: [
        (HTTPResponse.Status(code: 300), ""),
        (HTTPResponse.Status.found, "/v1/chat/completions"),
        (HTTPResponse.Status.permanentRedirect, "http://127.0.0.1:1/v1/chat/completions"),
    ])
    func aRedirectIsItsOwnClassNeverFollowedNorA5xx(status: HTTPResponse.Status, location: String) async throws {
        // The 302 points back at itself: followed, it would loop until the client's limit.
        let error = try await chatError(status, headers: location.isEmpty ? [:] : [.location: location], body: "{}")
        #expect(error.kind == .redirect && error.status == status.code && !error.isRetryable, "\(error)")
        #expect(error.message.contains("base_url"), "\(error.message)")
    }

    @Test func aBodyCutShortOfItsContentLengthIsTruncatedNotAConnectionFailure() async throws {
        let server = try CuttingServer()
        let transport = HTTPTransport()
        do {
            _ = try await OpenAIChatBackend(platform: platform("http://127.0.0.1:\(server.port)/v1", .openAIChat), apiKey: nil, transport: transport)
                .complete(request, logger: logger)
            Issue.record("expected an error")
        } catch let error as InfraError {
            #expect(error.kind == .truncated, "\(error)")
        }
        try await transport.shutdown()
        server.stop()
    }

    @Test func aConnectionClosedBeforeAnyReplyIsSentAgainOnAFreshOne() async throws {
        // llama.cpp closes a kept-alive connection after each streamed reply without saying so: the
        // next request on it dies before the server reads it. Once more, at once, on a new connection.
        let body = #"{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#
        let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let server = try CuttingServer { connection in connection == 0 ? nil : answer }
        let transport = HTTPTransport()
        let backend = OpenAIChatBackend(platform: platform("http://127.0.0.1:\(server.port)/v1", .openAIChat), apiKey: nil, transport: transport)
        let completion = try await backend.complete(request, logger: logger)
        #expect(completion.text == "Hi")
        // Several dead connections in a row (one per streamed reply that ran at once): each is
        // left behind, the request goes out again.
        let several = try CuttingServer { connection in connection < 3 ? nil : answer }
        let again = try await OpenAIChatBackend(
            platform: platform("http://127.0.0.1:\(several.port)/v1", .openAIChat), apiKey: nil, transport: transport
        )
        .complete(request, logger: logger)
        #expect(again.text == "Hi")
        several.stop()
        // Closed before a reply every time: the failure stands after the bounded re-sends (the
        // sweep's own bounded retries decide then).
        let dead = try CuttingServer { _ in nil }
        let error = await #expect(throws: InfraError.self) {
            try await OpenAIChatBackend(platform: platform("http://127.0.0.1:\(dead.port)/v1", .openAIChat), apiKey: nil, transport: transport)
                .complete(request, logger: logger)
        }
        #expect(error?.kind == .truncated || error?.kind == .connect, "\(String(describing: error))")
        try await transport.shutdown()
        server.stop()
        dead.stop()
    }

    @Test func aNullContentIsNoAnswerNotAnEmptyOne() async throws {
        let error = try await chatError(
            body: #"{"model": "m", "choices": [{"index": 0, "message": {"role": "assistant", "content": null}, "finish_reason": "stop"}]}"#
        )
        #expect(error.kind == .noContent && error.message.contains("content is null"), "\(error)")
        try await withRecorded(status: .ok, body: #"{"model": "m", "content": [], "stop_reason": "end_turn"}"#) { url, transport, _ in
            do {
                _ = try await AnthropicBackend(platform: platform(url, .anthropic), apiKey: nil, transport: transport).complete(
                    request, logger: logger)
                Issue.record("expected an error")
            } catch let error as InfraError {
                #expect(error.kind == .noContent && error.message.contains("no text block"), "\(error)")
            }
        }
    }

    @Test func aPositiveLogProbabilityIsAMalformedBodyNamedByItsPath() async throws {
        let body =
            #"{"model": "m", "choices": [{"message": {"content": "hi"}, "finish_reason": "stop", "logprobs": {"content": [{"token": "hi", "logprob": -0.1, "top_logprobs": [{"token": "hi", "logprob": 0.7}]}]}}]}"#
        let error = try await chatError(body: body)
        #expect(error.kind == .malformedBody)
        #expect(error.message.contains("choices[0].logprobs.content[0].top_logprobs[0].logprob: expected a log-probability"), "\(error.message)")
    }

    @Test func aBodyThatIsNotTheProtocolsJSONIsMalformed() async throws {
        #expect(try await chatError(body: #"{"choices": "#).kind == .malformedBody)
    }

    @Test func aFieldOfTheWrongTypeIsMalformedAndNamedByItsPath() async throws {
        let body =
            #"{"model": "m", "choices": [{"message": {"content": "hi"}, "finish_reason": "stop", "logprobs": {"content": [{"token": "hi", "logprob": "high"}]}}]}"#
        let error = try await chatError(body: body)
        #expect(error.kind == .malformedBody)
        #expect(error.message.contains("choices[0].logprobs.content[0].logprob: expected a number"), "\(error.message)")
    }

    @Test func anthropicAgainstTheFleet() async throws {
        var quiet = Logger(label: "fleet")
        quiet.logLevel = .critical
        let fleet = try await FleetServer(logger: quiet).start()
        let transport = HTTPTransport()
        let backend = AnthropicBackend(
            platform: PlatformConfiguration(
                name: "tpu-v5e", wireProtocol: .anthropic, baseURL: fleet.platformURL("tpu-v5e"), model: "evalctl-fleet-1"),
            apiKey: APIKey("sk-test"), transport: transport
        )
        let completion = try await backend.complete(
            CompletionRequest(
                model: "evalctl-fleet-1", prompt: .text("What is a black hole?"), sampling: SamplingParameters(temperature: 0, maxTokens: 8), seed: 1),
            logger: logger
        )
        try await transport.shutdown()
        await fleet.stop()
        #expect(completion.text.hasPrefix("A black hole is") && completion.finishReason == "length")
        #expect(completion.servedBy?.hasPrefix("tpu-v5e/pool-a/") == true)
    }
}

/// A loopback server that answers each connection's request with a scripted reply, then closes it.
///
/// The reply is chosen by the connection's number, from 0 (`nil`: none). By default every
/// connection gets a 200 whose headers promise 5,000 bytes, 12 of them, and a close: a backend
/// that dies mid-answer.
final class CuttingServer: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32
    private let thread: Thread

    static let cut = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"choices\": ["

    init(reply: @escaping @Sendable (Int) -> String? = { _ in CuttingServer.cut }) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        descriptor = fd
        thread = Thread {
            var connection = 0
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                // The whole request first: a socket closed with unread bytes sends a reset, which
                // the client may meet before the reply (a connection failure, not a cut body).
                CuttingServer.readRequest(client)
                if let text = reply(connection) { _ = text.withCString { write(client, $0, strlen($0)) } }
                connection += 1
                close(client)
            }
        }
        thread.start()
    }

    /// Reads one request: its head, then as many body bytes as its `Content-Length` says.
    static func readRequest(_ client: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            received += buffer[0..<count]
            let text = String(decoding: received, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<end.lowerBound].lowercased()
            let length =
                head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if received.count - text[..<end.upperBound].utf8.count >= length { return }
        }
    }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}
