import EvalCore
import Logging

/// One platform of a fleet, called in process instead of over HTTP: the same faults, numerics,
/// clock and model as the server's chat and completions routes, without encoding a byte.
///
/// `evalctl demo` sweeps 720 simulated hours with it: over loopback HTTP, JSON encoding and
/// decoding of token log-probabilities would cost more than the model itself. What a sweep does
/// with the answers (scoring, replay, storage, detection) is unchanged.
public struct InProcessFleetBackend: ModelBackend, TeacherForcing {
    private let server: FleetServer
    private let platform: FleetPlatform

    /// Creates a backend for one platform of a fleet.
    ///
    /// - Parameters:
    ///   - server: The fleet (its scenario, model and clock); it need not be listening.
    ///   - name: The platform's name in the fleet's scenario.
    /// - Returns: `nil` when the scenario has no such platform.
    public init?(server: FleetServer, platform name: String) {
        guard let platform = server.scenario.platform(named: name) else { return nil }
        self.server = server
        self.platform = platform
    }

    /// Up to 64 texts per call, as the completions route takes.
    public var maxBatch: Int { 64 }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        guard request.model == server.scenario.model else {
            throw InfraError(.http4xx, "the model '\(request.model)' does not exist")
        }
        // The prompt as the chat route receives it: messages (a bare text arrives as one user message).
        let prompt = Prompt.messages(request.prompt.chatMessages)
        let (faults, servedBy) = platform.faults(
            request: FleetPlatform.requestIdentity(seed: request.seed, prompt: prompt), routingKey: request.routingKey, at: server.clock()
        )
        let topLogprobs = min(max(request.topLogprobs, 0), 20)
        let generation = server.generate(
            on: platform, prompt: prompt, rule: SamplingRule(request.sampling), maxTokens: max(1, request.sampling.maxTokens),
            seed: request.seed, topLogprobs: topLogprobs, faults: faults
        )
        let tokens =
            topLogprobs > 0
            ? generation.tokens.map { token in
                TokenLogprob(token: token.text, logprob: token.logprob, top: token.top.map { .init(token: $0.text, logprob: $0.logprob) })
            }
            : []
        return Completion(
            text: generation.text, finishReason: generation.finishReason, reportedModel: server.scenario.model,
            systemFingerprint: "fp_\(platform.name)", servedBy: servedBy, tokens: tokens, completionTokens: generation.tokens.count
        )
    }

    /// The completions route's method, called directly.
    public var method: String { "completions echo (role: content transcript)" }

    public func teacherForce(_ requests: [ForcingRequest], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]] {
        let k = min(max(topLogprobs, 1), 20)
        return requests.map { request in
            let (text, answerStart) = request.transcriptText
            let tokens = server.model.score(text: text, numerics: platform.numerics, topLogprobs: k).map { token in
                ForcedToken(
                    offset: token.offset, text: token.text, logprob: token.logprob,
                    top: token.logprob == nil ? [] : token.top.map { .init(token: $0.text, logprob: $0.logprob) }
                )
            }
            return ForcingRequest.answerTokens(tokens, answerStart: answerStart)
        }
    }
}
