import EvalCore
import Foundation
import Logging

/// A platform speaking the OpenAI Chat Completions API (vLLM, SGLang, TGI, llama.cpp, OpenAI).
public struct OpenAIChatBackend: ModelBackend {
    /// The header that carries the routing key, besides the body's `user` field.
    public static let routingKeyHeader = "x-evalctl-routing-key"

    private let endpoint: JSONEndpoint
    private let apiKey: APIKey?

    /// Creates a backend.
    ///
    /// - Parameters:
    ///   - platform: The platform's configuration; `baseURL` ends at the version segment (`…/v1`).
    ///   - apiKey: The key, sent as a bearer token.
    ///   - transport: The shared HTTP client.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        self.endpoint = JSONEndpoint(platform: platform, transport: transport, path: "/chat/completions")
        self.apiKey = apiKey
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let body = OpenAIChatRequestBody(
            model: request.model,
            messages: request.prompt.chatMessages.map(ChatMessageBody.init),
            temperature: request.sampling.temperature, top_p: request.sampling.topP, top_k: request.sampling.topK,
            max_tokens: request.sampling.maxTokens, stop: request.sampling.stop.isEmpty ? nil : request.sampling.stop, seed: request.seed,
            user: request.routingKey,
            logprobs: request.topLogprobs > 0 ? true : nil, top_logprobs: request.topLogprobs > 0 ? request.topLogprobs : nil,
            tools: request.tools.isEmpty ? nil : request.tools.map(OpenAIChatRequestBody.Tool.init),
            tool_choice: request.tools.isEmpty ? nil : request.toolChoice.map(OpenAIChatRequestBody.ToolChoiceField.init)
        )
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        if let key = request.routingKey { headers.append((Self.routingKeyHeader, key)) }
        if endpoint.platform.stream { return try await streamed(body, headers: headers, logger: logger) }
        let (decoded, servedBy) = try await endpoint.postParsed(
            body, headers: headers, expecting: "an OpenAI chat completion", as: OpenAIChatResponseBody.self)
        guard let choice = decoded.choices.first else {
            throw InfraError(.malformedBody, "the response has no choices")
        }
        guard let content = choice.content ?? (choice.toolCalls.isEmpty ? nil : "") else {
            // `content: null` is no answer, not an empty one: it must not be scored as a passing sample.
            throw InfraError(.noContent, "choices[0].message.content is null (finish_reason: \(choice.finishReason ?? "null"))")
        }
        let tokens = choice.tokens ?? []
        return Completion(
            text: content, finishReason: choice.finishReason, reportedModel: decoded.model,
            systemFingerprint: decoded.systemFingerprint,
            servedBy: servedBy, tokens: tokens, completionTokens: decoded.completionTokens ?? (tokens.isEmpty ? nil : tokens.count),
            promptTokens: decoded.promptTokens, toolCalls: choice.toolCalls
        )
    }

    /// The same request with `stream: true`, its chunks assembled into one completion.
    private func streamed(_ body: OpenAIChatRequestBody, headers: [(String, String)], logger: Logger) async throws(InfraError) -> Completion {
        var body = body
        body.stream = true
        body.stream_options = .init()
        let (stream, servedBy) = try await endpoint.stream(
            body, headers: headers, into: OpenAIChatStream(),
            refusable: [
                .init(name: "stream_options", without: "no token counts") { $0.stream_options = nil },
                .init(name: "logprobs", without: "no token log-probabilities (no drift scores from them)") {
                    $0.logprobs = nil
                    $0.top_logprobs = nil
                },
            ], logger: logger)
        guard stream.sawContent || !stream.toolCalls.isEmpty else {
            throw InfraError(.noContent, "no chunk carried choices[0].delta.content (finish_reason: \(stream.finishReason ?? "null"))")
        }
        return Completion(
            text: stream.text, finishReason: stream.finishReason, reportedModel: stream.model, systemFingerprint: stream.systemFingerprint,
            servedBy: servedBy, tokens: stream.tokens,
            completionTokens: stream.completionTokens ?? (stream.tokens.isEmpty ? nil : stream.tokens.count), streamTiming: stream.timer.timing,
            promptTokens: stream.promptTokens, toolCalls: stream.toolCalls
        )
    }
}
