import EvalCore
import Foundation
import Logging

/// A platform on Amazon Bedrock, through the Converse API.
///
/// Requests go to `POST {base_url}/model/{modelId}/converse` (`base_url`:
/// `https://bedrock-runtime.REGION.amazonaws.com`, or a proxy's), authorized by a Bedrock API key
/// as a bearer token (`api_key_env`, by default `AWS_BEARER_TOKEN_BEDROCK`) or, without one, signed
/// with AWS Signature Version 4 from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
/// `AWS_SESSION_TOKEN` (region from `AWS_REGION`, else the endpoint's host). Converse reports no
/// log-probabilities, so logprob-based scorers mark its samples unavailable.
public struct BedrockConverseBackend: ModelBackend {
    private let endpoint: JSONEndpoint
    /// `…/converse-stream`, for platforms that stream.
    private let streamEndpoint: JSONEndpoint
    private let apiKey: APIKey?
    private let signer: SigV4Signer?

    /// Creates a backend.
    ///
    /// - Parameters:
    ///   - apiKey: A Bedrock API key (bearer); without one, requests are signed when `environment`
    ///     holds AWS credentials.
    ///   - environment: Where AWS credentials and `AWS_REGION` are read.
    public init(
        platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        // Model ids hold `:` (`anthropic.claude-3-haiku-20240307-v1:0`) and ARNs `/`: one path
        // segment, encoded as AWS's SDKs send it (every byte but A–Z a–z 0–9 - _ . ~).
        self.endpoint = JSONEndpoint(platform: platform, transport: transport, path: "/model/\(SigV4Signer.uriEncode(platform.model))/converse")
        self.streamEndpoint = JSONEndpoint(
            platform: platform, transport: transport, path: "/model/\(SigV4Signer.uriEncode(platform.model))/converse-stream")
        self.apiKey = apiKey
        if apiKey == nil, let credentials = SigV4Signer.Credentials.fromEnvironment(environment) {
            let region = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.region(of: platform.baseURL) ?? "us-east-1"
            signer = SigV4Signer(credentials: credentials, region: region, service: "bedrock")
        } else {
            signer = nil
        }
    }

    /// The region of a Bedrock endpoint's host (`bedrock-runtime.eu-west-1.amazonaws.com`).
    static func region(of baseURL: String) -> String? {
        guard let host = URL(string: baseURL)?.host, host.hasPrefix("bedrock-runtime.") else { return nil }
        let parts = host.split(separator: ".")
        return parts.count >= 4 ? String(parts[1]) : nil
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
            ),
            toolConfig: .init(request.tools, choice: request.toolChoice)
        )
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        if let key = request.routingKey { headers.append((OpenAIChatBackend.routingKeyHeader, key)) }
        // Throttling is 429, ServiceUnavailable 503, ModelNotReady 429: classified by status as the others.
        var signing: (@Sendable (String, Data) -> [(String, String)])?
        if let signer {
            signing = { url, data in
                guard let parsed = URL(string: url) else { return [] }
                return signer.sign(method: "POST", url: parsed, body: data, date: Date())
            }
        }
        if endpoint.platform.stream {
            let (stream, servedBy) = try await streamEndpoint.stream(
                body, headers: headers, framing: .awsEventStream, into: BedrockConverseStream(), signing: signing)
            guard stream.sawText || !stream.toolCalls.isEmpty else {
                throw InfraError(.noContent, "the ConverseStream reply has no text (stopReason: \(stream.stopReason ?? "null"))")
            }
            return Completion(
                text: stream.text, finishReason: AnthropicBackend.finishReason(ofStop: stream.stopReason), reportedModel: nil, servedBy: servedBy,
                completionTokens: stream.outputTokens, streamTiming: stream.timer.timing, promptTokens: stream.inputTokens,
                toolCalls: stream.toolCalls)
        }
        let (decoded, servedBy) = try await endpoint.post(
            body, headers: headers, expecting: "a Bedrock Converse reply", as: BedrockConverseResponseBody.self, signing: signing)
        let texts = decoded.output?.message?.content.compactMap(\.text) ?? []
        let toolCalls = (decoded.output?.message?.content ?? []).compactMap(\.toolUse).map { use in
            ToolCall(name: use.name, arguments: (use.input ?? .object([])).jsonText)
        }
        guard !texts.isEmpty || !toolCalls.isEmpty else {
            // A 200 without text or a tool call (a guardrail's) is no answer, not an empty one.
            throw InfraError(.noContent, "the Converse reply has no text block (stopReason: \(decoded.stopReason ?? "null"))")
        }
        return Completion(
            text: texts.joined(), finishReason: AnthropicBackend.finishReason(ofStop: decoded.stopReason), reportedModel: nil, servedBy: servedBy,
            completionTokens: decoded.usage?.outputTokens, promptTokens: decoded.usage?.inputTokens, toolCalls: toolCalls)
    }
}
