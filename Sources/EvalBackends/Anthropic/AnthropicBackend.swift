import EvalCore
import Foundation
import Logging

/// A platform speaking the Anthropic Messages API, directly or on Google Vertex AI.
///
/// Directly (`anthropic`), requests go to `POST …/v1/messages` with `x-api-key` and
/// `anthropic-version`. On Vertex AI (`vertex-anthropic`), to `POST {base_url}/{model}:rawPredict`,
/// `base_url` ending at `…/publishers/anthropic/models`, with the model out of the body, its
/// version in it (`anthropic_version: vertex-2023-10-16`) and an OAuth access token as a bearer
/// token. Neither reports log-probabilities, so logprob-based scorers mark its samples unavailable.
public struct AnthropicBackend: ModelBackend {
    /// The API version sent in `anthropic-version`.
    public static let apiVersion = "2023-06-01"
    /// The API version Vertex AI takes in the body.
    public static let vertexVersion = "vertex-2023-10-16"

    private let endpoint: JSONEndpoint
    private let apiKey: APIKey?
    private let onVertex: Bool

    /// Creates a backend; `baseURL` ends at the version segment (`https://api.anthropic.com/v1`), or
    /// on Vertex AI at the models (`https://REGION-aiplatform.googleapis.com/v1/projects/P/locations/REGION/publishers/anthropic/models`).
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        onVertex = platform.wireProtocol == .vertexAnthropic
        let pathSafe = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        let model = platform.model.addingPercentEncoding(withAllowedCharacters: pathSafe) ?? platform.model
        // Vertex AI streams through its own method; the Messages API through the same route.
        let method = platform.stream ? "streamRawPredict" : "rawPredict"
        self.endpoint = JSONEndpoint(platform: platform, transport: transport, path: onVertex ? "/\(model):\(method)" : "/messages")
        self.apiKey = apiKey
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let messages = request.prompt.chatMessages
        let system = messages.filter { $0.role == .system }.map(\.content)
        let body = AnthropicRequestBody(
            model: onVertex ? nil : request.model, anthropic_version: onVertex ? Self.vertexVersion : nil, max_tokens: request.sampling.maxTokens,
            system: system.isEmpty ? nil : system.joined(separator: "\n\n"),
            messages: messages.filter { $0.role != .system }.map(ChatMessageBody.init),
            temperature: min(request.sampling.temperature, 1), top_p: request.sampling.topP < 1 ? request.sampling.topP : nil,
            top_k: request.sampling.topK, stop_sequences: request.sampling.stop.isEmpty ? nil : request.sampling.stop,
            metadata: request.routingKey.map { .init(user_id: $0) },
            tools: request.tools.isEmpty ? nil : request.tools.map(AnthropicRequestBody.Tool.init),
            tool_choice: request.tools.isEmpty ? nil : request.toolChoice.map(AnthropicRequestBody.Choice.init)
        )
        var headers: [(String, String)] = []
        if onVertex {
            if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        } else {
            headers.append(("anthropic-version", Self.apiVersion))
            if let apiKey { headers.append(("x-api-key", apiKey.rawValue)) }
        }
        if let key = request.routingKey { headers.append((OpenAIChatBackend.routingKeyHeader, key)) }
        if endpoint.platform.stream { return try await streamed(body, headers: headers) }
        // 529 is Anthropic's "overloaded": classified with the other 5xx, retryable.
        let (decoded, servedBy) = try await endpoint.post(body, headers: headers, expecting: "an Anthropic message", as: AnthropicResponseBody.self)
        let texts = decoded.content.filter { $0.type == "text" }.compactMap(\.text)
        let toolCalls = decoded.content.filter { $0.type == "tool_use" }.map { block in
            ToolCall(name: block.name ?? "", arguments: (block.input ?? .object([])).jsonText)
        }
        guard !texts.isEmpty || !toolCalls.isEmpty else {
            // A 200 without text is no answer, not an empty one: it must not be scored as a passing sample.
            let kinds = decoded.content.map(\.type)
            throw InfraError(
                .noContent,
                "the message has no text block (content: [\(kinds.joined(separator: ", "))], stop_reason: \(decoded.stop_reason ?? "null"))"
            )
        }
        let text = texts.joined()
        return Completion(
            text: text, finishReason: Self.finishReason(ofStop: decoded.stop_reason), reportedModel: decoded.model, servedBy: servedBy,
            completionTokens: decoded.usage?.output_tokens, promptTokens: decoded.usage?.input_tokens, toolCalls: toolCalls
        )
    }
}

extension AnthropicBackend {
    /// The same request with `stream: true`, its events assembled into one completion.
    private func streamed(_ body: AnthropicRequestBody, headers: [(String, String)]) async throws(InfraError) -> Completion {
        var body = body
        body.stream = true
        let (stream, servedBy) = try await endpoint.stream(body, headers: headers, into: AnthropicMessageStream())
        guard stream.sawText || !stream.toolCalls.isEmpty else {
            throw InfraError(
                .noContent,
                "the message has no text block (content: [\(stream.blockTypes.joined(separator: ", "))], stop_reason: \(stream.stopReason ?? "null"))"
            )
        }
        return Completion(
            text: stream.text, finishReason: Self.finishReason(ofStop: stream.stopReason), reportedModel: stream.model, servedBy: servedBy,
            completionTokens: stream.outputTokens, streamTiming: stream.timer.timing, promptTokens: stream.inputTokens,
            toolCalls: stream.toolCalls
        )
    }

    /// A Messages API (or Bedrock Converse) stop reason in OpenAI's terms: `max_tokens` is `length`,
    /// `end_turn` and `stop_sequence` are `stop`; any other (`tool_use`, `refusal`, a guardrail's) as it is.
    static func finishReason(ofStop reason: String?) -> String? {
        switch reason {
        case "max_tokens": "length"
        case "end_turn", "stop_sequence": "stop"
        default: reason
        }
    }
}
