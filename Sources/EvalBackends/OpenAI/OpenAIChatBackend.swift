import EvalCore
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// A platform speaking the OpenAI Chat Completions API (vLLM, SGLang, TGI, llama.cpp, OpenAI).
public struct OpenAIChatBackend: ModelBackend {
    /// The header that carries the routing key, besides the body's `user` field.
    public static let routingKeyHeader = "x-evalctl-routing-key"

    private let platform: PlatformConfiguration
    private let apiKey: APIKey?
    private let transport: HTTPTransport
    private let endpoint: String

    /// Creates a backend.
    ///
    /// - Parameters:
    ///   - platform: The platform's configuration; `baseURL` ends at the version segment (`…/v1`).
    ///   - apiKey: The key, sent as a bearer token.
    ///   - transport: The shared HTTP client.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        self.platform = platform
        self.apiKey = apiKey
        self.transport = transport
        let base = platform.baseURL.hasSuffix("/") ? String(platform.baseURL.dropLast()) : platform.baseURL
        self.endpoint = base + "/chat/completions"
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let body = OpenAIChatRequestBody(
            model: request.model,
            messages: request.prompt.chatMessages.map { .init(role: $0.role.rawValue, content: $0.content) },
            temperature: request.sampling.temperature, top_p: request.sampling.topP, top_k: request.sampling.topK,
            max_tokens: request.sampling.maxTokens, seed: request.seed, user: request.routingKey,
            logprobs: request.topLogprobs > 0 ? true : nil, top_logprobs: request.topLogprobs > 0 ? request.topLogprobs : nil
        )
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw InfraError(.http4xx, "cannot encode the request: \(error)")
        }
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        if let key = request.routingKey { headers.append((Self.routingKeyHeader, key)) }
        let reply = try await transport.postJSON(url: endpoint, headers: headers, body: data, timeout: platform.requestTimeout)
        try HTTPStatusCheck.check(reply)
        let decoded: OpenAIChatResponseBody
        do {
            decoded = try JSONDecoder().decode(OpenAIChatResponseBody.self, from: Data(buffer: reply.body))
        } catch {
            throw InfraError(.malformedBody, "not an OpenAI chat completion: \(DecodingErrorSummary.describe(error))")
        }
        guard let choice = decoded.choices.first else {
            throw InfraError(.malformedBody, "the response has no choices")
        }
        let tokens = (choice.logprobs?.content ?? []).map { entry in
            TokenLogprob(
                token: entry.token, logprob: entry.logprob,
                top: (entry.top_logprobs ?? []).map { .init(token: $0.token, logprob: $0.logprob) }
            )
        }
        return Completion(
            text: choice.message.content ?? "", finishReason: choice.finish_reason, reportedModel: decoded.model,
            systemFingerprint: decoded.system_fingerprint,
            servedBy: platform.servedByHeaders.lazy.compactMap { reply.headers.first(name: $0) }.first,
            tokens: tokens, completionTokens: decoded.usage?.completion_tokens ?? (tokens.isEmpty ? nil : tokens.count)
        )
    }
}
