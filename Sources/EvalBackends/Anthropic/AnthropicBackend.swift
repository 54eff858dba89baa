import EvalCore
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat

/// A platform speaking the Anthropic Messages API (`POST …/v1/messages`, `x-api-key`,
/// `anthropic-version`). It reports no log-probabilities, so logprob-based scorers mark its
/// samples unavailable.
public struct AnthropicBackend: ModelBackend {
    /// The API version sent in `anthropic-version`.
    public static let apiVersion = "2023-06-01"

    private let platform: PlatformConfiguration
    private let apiKey: APIKey?
    private let transport: HTTPTransport
    private let endpoint: String

    /// Creates a backend; `baseURL` ends at the version segment (`https://api.anthropic.com/v1`).
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        self.platform = platform
        self.apiKey = apiKey
        self.transport = transport
        let base = platform.baseURL.hasSuffix("/") ? String(platform.baseURL.dropLast()) : platform.baseURL
        self.endpoint = base + "/messages"
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let messages = request.prompt.chatMessages
        let system = messages.filter { $0.role == .system }.map(\.content)
        let body = AnthropicRequestBody(
            model: request.model, max_tokens: request.sampling.maxTokens, system: system.isEmpty ? nil : system.joined(separator: "\n\n"),
            messages: messages.filter { $0.role != .system }.map { .init(role: $0.role.rawValue, content: $0.content) },
            temperature: min(request.sampling.temperature, 1), top_p: request.sampling.topP < 1 ? request.sampling.topP : nil,
            top_k: request.sampling.topK, metadata: request.routingKey.map { .init(user_id: $0) }
        )
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw InfraError(.http4xx, "cannot encode the request: \(error)")
        }
        var headers = [("anthropic-version", Self.apiVersion)]
        if let apiKey { headers.append(("x-api-key", apiKey.rawValue)) }
        if let key = request.routingKey { headers.append((OpenAIChatBackend.routingKeyHeader, key)) }
        let reply = try await transport.postJSON(url: endpoint, headers: headers, body: data, timeout: platform.requestTimeout)
        // 529 is Anthropic's "overloaded": a server-side failure like 503.
        try HTTPStatusCheck.check(reply)
        let decoded: AnthropicResponseBody
        do {
            decoded = try JSONDecoder().decode(AnthropicResponseBody.self, from: Data(buffer: reply.body))
        } catch {
            throw InfraError(.malformedBody, "not an Anthropic message: \(DecodingErrorSummary.describe(error))")
        }
        let text = decoded.content.filter { $0.type == "text" }.compactMap(\.text).joined()
        let finish: String? = switch decoded.stop_reason {
        case "max_tokens": "length"
        case "end_turn", "stop_sequence": "stop"
        default: decoded.stop_reason
        }
        return Completion(
            text: text, finishReason: finish, reportedModel: decoded.model,
            servedBy: platform.servedByHeaders.lazy.compactMap { reply.headers.first(name: $0) }.first,
            completionTokens: decoded.usage?.output_tokens
        )
    }
}
