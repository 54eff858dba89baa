import EvalCore
import Foundation
import Logging

/// A platform speaking the legacy OpenAI Completions API (vLLM, SGLang, TGI, llama.cpp).
///
/// Besides generating, it scores a given text by teacher forcing (`echo` with `max_tokens: 0`
/// and `logprobs: k`): how a reference platform judges another platform's tokens.
public struct OpenAICompletionsBackend: ModelBackend {
    private let endpoint: JSONEndpoint
    private let apiKey: APIKey?

    /// Creates a backend.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        self.endpoint = JSONEndpoint(platform: platform, transport: transport, path: "/completions")
        self.apiKey = apiKey
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let body = OpenAICompletionsRequestBody(
            model: request.model, prompt: request.prompt.flattened, max_tokens: request.sampling.maxTokens,
            temperature: request.sampling.temperature, top_p: request.sampling.topP, top_k: request.sampling.topK, seed: request.seed,
            user: request.routingKey, logprobs: request.topLogprobs > 0 ? request.topLogprobs : nil, echo: nil
        )
        let (decoded, servedBy) = try await send(body, routingKey: request.routingKey)
        guard let choice = decoded.choices.first else { throw InfraError(.malformedBody, "the response has no choices") }
        let tokens = Self.tokens(of: choice.logprobs).compactMap(\.token)
        return Completion(
            text: choice.text, finishReason: choice.finish_reason, reportedModel: decoded.model, systemFingerprint: decoded.system_fingerprint,
            servedBy: servedBy, tokens: tokens, completionTokens: decoded.usage?.completion_tokens
        )
    }

    /// Scores a text by teacher forcing: the platform's log-probability of each of its tokens.
    ///
    /// - Parameters:
    ///   - text: The text (typically a prompt followed by another platform's answer).
    ///   - model: The model name.
    ///   - topLogprobs: Alternatives per position.
    /// - Returns: Each token with its character offset in `text`; the first token has no log-probability.
    public func teacherForce(_ text: String, model: String, topLogprobs: Int) async throws(InfraError) -> [(offset: Int, token: TokenLogprob?)] {
        let body = OpenAICompletionsRequestBody(
            model: model, prompt: text, max_tokens: 0, temperature: 1, top_p: 1, top_k: nil, seed: nil, user: nil,
            logprobs: max(1, topLogprobs), echo: true
        )
        let (decoded, _) = try await send(body, routingKey: nil)
        guard let choice = decoded.choices.first else { throw InfraError(.malformedBody, "the response has no choices") }
        return Self.tokens(of: choice.logprobs)
    }

    private func send(_ body: OpenAICompletionsRequestBody, routingKey: String?) async throws(InfraError) -> (OpenAICompletionsResponseBody, String?) {
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        if let routingKey { headers.append((OpenAIChatBackend.routingKeyHeader, routingKey)) }
        return try await endpoint.post(body, headers: headers, expecting: "an OpenAI completion", as: OpenAICompletionsResponseBody.self)
    }

    /// The logprobs block as tokens with offsets; alternatives sorted, most likely first.
    static func tokens(of logprobs: OpenAICompletionsResponseBody.Choice.Logprobs?) -> [(offset: Int, token: TokenLogprob?)] {
        guard let logprobs, let tokens = logprobs.tokens else { return [] }
        var result: [(offset: Int, token: TokenLogprob?)] = []
        var offset = 0
        for (index, token) in tokens.enumerated() {
            let start = logprobs.text_offset.flatMap { index < $0.count ? $0[index] : nil } ?? offset
            offset = start + token.count
            guard let value = logprobs.token_logprobs.flatMap({ index < $0.count ? $0[index] : nil }) else {
                result.append((start, nil))
                continue
            }
            let alternatives = (logprobs.top_logprobs.flatMap { index < $0.count ? $0[index] : nil } ?? [:])
                .map { TokenLogprob.Alternative(token: $0.key, logprob: $0.value) }
                .sorted { $0.logprob != $1.logprob ? $0.logprob > $1.logprob : $0.token < $1.token }
            result.append((start, TokenLogprob(token: token, logprob: value, top: alternatives)))
        }
        return result
    }
}
