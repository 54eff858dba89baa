import EvalCore

/// Teacher forcing through vLLM's documented routes, with the chat template vLLM itself applies.
///
/// For each answer:
/// 1. `POST /tokenize` with the chat messages and `add_generation_prompt: true` gives the token ids of
///    the exact prompt the chat route generates from;
/// 2. `POST /tokenize` with the answer's text (`add_special_tokens: false`) gives the answer's ids;
/// 3. `POST /v1/completions` with both as one token-id prompt, `echo: true` and `logprobs: k` returns
///    every prompt position's log-probability and top alternatives; the answer's positions are kept.
///
/// Verified only against recorded replies of vLLM's documented format, not a live vLLM: the sweep's
/// ``ReplayProbe`` checks it against the reference's own chat log-probabilities before it is used.
public struct VLLMTeacherForcer: TeacherForcing {
    private let tokenizeEndpoint: JSONEndpoint
    private let completions: JSONEndpoint
    private let model: String
    private let apiKey: APIKey?

    public var method: String { "vLLM /tokenize (chat template) + /v1/completions echo on token ids" }
    public var maxBatch: Int { 1 }

    /// Creates a forcer.
    ///
    /// - Parameters:
    ///   - platform: The platform; its base URL ends at `/v1`, the server's root holds `/tokenize`.
    ///   - apiKey: The key, sent as a bearer token.
    ///   - transport: The shared HTTP client.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        self.tokenizeEndpoint = JSONEndpoint(platform: platform, transport: transport, nativePath: "/tokenize")
        self.completions = JSONEndpoint(platform: platform, transport: transport, path: "/completions")
        self.model = platform.model
        self.apiKey = apiKey
    }

    public func teacherForce(_ requests: [ForcingRequest], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]] {
        try await OneAnswerPerRequest.force(requests) { request throws(InfraError) in try await force(request, topLogprobs: max(1, topLogprobs)) }
    }

    private func force(_ request: ForcingRequest, topLogprobs: Int) async throws(InfraError) -> [ForcedToken] {
        guard !request.answer.isEmpty else { return [] }
        let headers = apiKey.map { [("authorization", "Bearer \($0.rawValue)")] } ?? []
        let chat = VLLMTokenizeChatBody(
            model: model, messages: request.prompt.chatMessages.map(ChatMessageBody.init),
            add_generation_prompt: true
        )
        let (prompt, _) = try await tokenizeEndpoint.postParsed(
            chat, headers: headers, expecting: "vLLM's /tokenize reply", as: VLLMTokenizeReply.self)
        let text = VLLMTokenizeTextBody(model: model, prompt: request.answer, add_special_tokens: false)
        let (answer, _) = try await tokenizeEndpoint.postParsed(
            text, headers: headers, expecting: "vLLM's /tokenize reply", as: VLLMTokenizeReply.self)
        let body = OpenAICompletionsRequestBody(
            model: model, prompt: .tokens(prompt.tokens + answer.tokens), max_tokens: 1, temperature: 0, top_p: 1, top_k: nil, seed: nil,
            user: nil, logprobs: topLogprobs, echo: true
        )
        let (reply, _) = try await completions.postParsed(
            body, headers: headers, expecting: "an OpenAI completion", as: OpenAICompletionsResponseBody.self)
        guard let choice = reply.choices.first else { throw InfraError(.malformedBody, "the response has no choices") }
        let tokens = OpenAICompletionsBackend.tokens(of: choice.logprobs)
        let range = prompt.tokens.count..<(prompt.tokens.count + answer.tokens.count)
        // Without echo the reply holds only the generated token: nothing of the answer was scored.
        guard tokens.count >= range.upperBound else { return [] }
        let start = tokens[range.lowerBound].offset
        return tokens[range].map { token in
            var shifted = token
            shifted.offset -= start
            return shifted
        }
    }

    /// Whether a platform's server is vLLM's: `GET /version` answers `{"version": …}`.
    public static func detect(platform: PlatformConfiguration, transport: HTTPTransport) async -> Bool {
        await JSONEndpoint.probe(platform, transport: transport, nativePath: "/version", as: VLLMVersionReply.self) != nil
    }
}
