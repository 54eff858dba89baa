import EvalCore
import Foundation
import Logging

/// A platform on Amazon Bedrock, through the Converse API.
///
/// Requests go to `POST {base_url}/model/{modelId}/converse` (`base_url`:
/// `https://bedrock-runtime.REGION.amazonaws.com`, or a proxy's), authorized by a Bedrock API key
/// as a bearer token (`api_key_env`, by default `AWS_BEARER_TOKEN_BEDROCK`). Converse reports no
/// log-probabilities, so logprob-based scorers mark its samples unavailable.
public struct BedrockConverseBackend: ModelBackend {
    private let endpoint: JSONEndpoint
    private let apiKey: APIKey?

    /// Creates a backend.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        // Model ids hold `:` (`anthropic.claude-3-haiku-20240307-v1:0`) and ARNs `/`: one path segment.
        let segment = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        let model = platform.model.addingPercentEncoding(withAllowedCharacters: segment) ?? platform.model
        self.endpoint = JSONEndpoint(platform: platform, transport: transport, path: "/model/\(model)/converse")
        self.apiKey = apiKey
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let messages = request.prompt.chatMessages
        let system = messages.filter { $0.role == .system }.map { BedrockConverseRequestBody.Text(text: $0.content) }
        let body = BedrockConverseRequestBody(
            messages: messages.filter { $0.role != .system }.map { .init(role: $0.role.rawValue, content: [.init(text: $0.content)]) },
            system: system.isEmpty ? nil : system,
            inferenceConfig: .init(
                maxTokens: request.sampling.maxTokens, temperature: min(request.sampling.temperature, 1),
                topP: request.sampling.topP < 1 ? request.sampling.topP : nil,
                stopSequences: request.sampling.stop.isEmpty ? nil : request.sampling.stop
            )
        )
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        if let key = request.routingKey { headers.append((OpenAIChatBackend.routingKeyHeader, key)) }
        // Throttling is 429, ServiceUnavailable 503, ModelNotReady 429: classified by status as the others.
        let (decoded, servedBy) = try await endpoint.post(
            body, headers: headers, expecting: "a Bedrock Converse reply", as: BedrockConverseResponseBody.self)
        let texts = decoded.output?.message?.content.compactMap(\.text) ?? []
        guard !texts.isEmpty else {
            // A 200 without text (a guardrail, a tool call) is no answer, not an empty one.
            throw InfraError(.noContent, "the Converse reply has no text block (stopReason: \(decoded.stopReason ?? "null"))")
        }
        let finish: String? =
            switch decoded.stopReason {
            case "max_tokens": "length"
            case "end_turn", "stop_sequence": "stop"
            default: decoded.stopReason
            }
        return Completion(
            text: texts.joined(), finishReason: finish, reportedModel: nil, servedBy: servedBy, completionTokens: decoded.usage?.outputTokens)
    }
}
