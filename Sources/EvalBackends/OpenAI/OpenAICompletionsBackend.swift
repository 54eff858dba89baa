import EvalCore
import Foundation
import Logging

/// A platform speaking the legacy OpenAI Completions API (vLLM, SGLang, TGI, llama.cpp).
///
/// Besides generating, it scores given texts by teacher forcing (`echo` with `max_tokens: 0`
/// and `logprobs: k`, several texts per request as a `prompt` array): how a reference platform
/// judges other platforms' tokens.
public struct OpenAICompletionsBackend: ModelBackend, TeacherForcing {
    private let endpoint: JSONEndpoint
    private let apiKey: APIKey?
    private let model: String
    /// Texts per teacher-forcing request.
    public let maxBatch: Int

    /// Creates a backend.
    ///
    /// - Parameters:
    ///   - platform: The platform; its base URL's `/completions` is used whatever its protocol,
    ///     so a chat platform served by vLLM or SGLang can still teacher-force.
    ///   - apiKey: The key, when the platform needs one.
    ///   - transport: The shared HTTP client.
    ///   - maxBatch: Texts per teacher-forcing request.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport, maxBatch: Int = 16) {
        self.endpoint = JSONEndpoint(platform: platform, transport: transport, path: "/completions")
        self.apiKey = apiKey
        self.model = platform.model
        self.maxBatch = max(1, maxBatch)
    }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let body = OpenAICompletionsRequestBody(
            model: request.model, prompt: .one(request.prompt.flattened), max_tokens: request.sampling.maxTokens,
            stop: request.sampling.stop.isEmpty ? nil : request.sampling.stop, temperature: request.sampling.temperature,
            top_p: request.sampling.topP, top_k: request.sampling.topK, seed: request.seed,
            user: request.routingKey, logprobs: request.topLogprobs > 0 ? request.topLogprobs : nil, echo: nil
        )
        if endpoint.platform.stream { return try await streamed(body, routingKey: request.routingKey, logger: logger) }
        let (decoded, servedBy) = try await send(body, routingKey: request.routingKey)
        guard let choice = decoded.choices.first else { throw InfraError(.malformedBody, "the response has no choices") }
        let tokens = Self.generatedTokens(of: choice.logprobs)
        return Completion(
            text: choice.text, finishReason: choice.finish_reason, reportedModel: decoded.model, systemFingerprint: decoded.system_fingerprint,
            servedBy: servedBy, tokens: tokens, completionTokens: decoded.completionTokens,
            promptTokens: decoded.promptTokens
        )
    }

    /// Echo over a `role: content` transcript: only servers that read such a transcript as the chat
    /// context (evalctl's own fleet) score answers in the context they were generated in; the sweep's
    /// probe refuses this method elsewhere.
    public var method: String { "completions echo (role: content transcript)" }

    public func teacherForce(_ requests: [ForcingRequest], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]] {
        guard !requests.isEmpty else { return [] }
        let texts = requests.map(\.transcriptText)
        let body = OpenAICompletionsRequestBody(
            model: model, prompt: texts.count == 1 ? .one(texts[0].text) : .batch(texts.map(\.text)), max_tokens: 0, temperature: 1, top_p: 1,
            top_k: nil,
            seed: nil, user: nil, logprobs: max(1, topLogprobs), echo: true
        )
        let (decoded, _) = try await send(body, routingKey: nil)
        guard decoded.choices.count == texts.count else {
            throw InfraError(.malformedBody, "the response has \(decoded.choices.count) choices for \(texts.count) prompts")
        }
        var result = [[ForcedToken]](repeating: [], count: texts.count)
        for (position, choice) in decoded.choices.enumerated() {
            let index = choice.index ?? position
            guard result.indices.contains(index) else { throw InfraError(.malformedBody, "choice index \(index) is out of range") }
            result[index] = ForcingRequest.answerTokens(Self.tokens(of: choice.logprobs), answerStart: texts[index].answerStart)
        }
        return result
    }

    private func send(_ body: OpenAICompletionsRequestBody, routingKey: String?) async throws(InfraError) -> (OpenAICompletionsResponseBody, String?)
    {
        try await endpoint.postParsed(body, headers: headers(routingKey), expecting: "an OpenAI completion", as: OpenAICompletionsResponseBody.self)
    }

    private func headers(_ routingKey: String?) -> [(String, String)] {
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.rawValue)")) }
        if let routingKey { headers.append((OpenAIChatBackend.routingKeyHeader, routingKey)) }
        return headers
    }

    /// A generation with `stream: true`, its chunks assembled into one completion (teacher
    /// forcing never streams).
    private func streamed(_ body: OpenAICompletionsRequestBody, routingKey: String?, logger: Logger) async throws(InfraError) -> Completion {
        var body = body
        body.stream = true
        body.stream_options = .init()
        let (stream, servedBy) = try await endpoint.stream(
            body, headers: headers(routingKey), into: OpenAICompletionsStream(),
            refusable: [
                .init(name: "stream_options", without: "no token counts") { $0.stream_options = nil },
                .init(name: "logprobs", without: "no token log-probabilities (no drift scores from them)") {
                    $0.logprobs = nil
                },
            ], logger: logger)
        return Completion(
            text: stream.text, finishReason: stream.finishReason, reportedModel: stream.model, systemFingerprint: stream.systemFingerprint,
            servedBy: servedBy, tokens: stream.tokens, completionTokens: stream.completionTokens, streamTiming: stream.timer.timing,
            promptTokens: stream.promptTokens)
    }

    /// The generated tokens of a logprobs block, those with a log-probability.
    static func generatedTokens(of logprobs: OpenAICompletionsResponseBody.Choice.Logprobs?) -> [TokenLogprob] {
        tokens(of: logprobs).compactMap { token in token.logprob.map { TokenLogprob(token: token.text, logprob: $0, top: token.top) } }
    }

    /// The logprobs block as tokens with Unicode-scalar offsets; alternatives sorted, most likely first.
    static func tokens(of logprobs: OpenAICompletionsResponseBody.Choice.Logprobs?) -> [ForcedToken] {
        guard let logprobs else { return [] }
        if let content = logprobs.content, logprobs.tokens == nil {
            var offset = 0
            return content.map { token in
                defer { offset += token.token.unicodeScalars.count }
                let alternatives = token.top.sorted { $0.logprob != $1.logprob ? $0.logprob > $1.logprob : $0.token < $1.token }
                return ForcedToken(offset: offset, text: token.token, logprob: token.logprob, top: alternatives)
            }
        }
        guard let tokens = logprobs.tokens else { return [] }
        var result: [ForcedToken] = []
        result.reserveCapacity(tokens.count)
        var offset = 0
        for (index, token) in tokens.enumerated() {
            let start = logprobs.text_offset.flatMap { index < $0.count ? $0[index] : nil } ?? offset
            offset = start + token.unicodeScalars.count
            let value = logprobs.token_logprobs.flatMap { index < $0.count ? $0[index] : nil }
            let alternatives = (logprobs.top_logprobs.flatMap { index < $0.count ? $0[index] : nil } ?? [:])
                .map { TokenLogprob.Alternative(token: $0.key, logprob: $0.value) }
                .sorted { $0.logprob != $1.logprob ? $0.logprob > $1.logprob : $0.token < $1.token }
            result.append(ForcedToken(offset: start, text: token, logprob: value, top: alternatives))
        }
        return result
    }
}
