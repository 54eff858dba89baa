import Logging

/// Checks, before a sweep relies on it, that a reference's teacher-forcing method scores answers in
/// the context they were generated in.
///
/// The reference answers a probe prompt greedily through its chat API with token log-probabilities;
/// the method then re-scores that same answer. A method that is right reproduces the chat
/// log-probabilities token by token (up to kernel numerics). One that ignores `echo`, reads a
/// different chat template, or shifts prompt log-probabilities by a position does not, and drift
/// replay is refused for the sweep with the reason, instead of scoring every platform on garbage.
public struct ReplayProbe: Sendable {
    /// What the probe found.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// Whether the method reproduced the chat log-probabilities.
        public var verified: Bool
        /// The method probed.
        public var method: String
        /// Tokens of the reference's answer, and how many the method scored at the same place.
        public var tokens: Int
        public var aligned: Int
        /// Mean and largest |chat − forced| log-probability over the aligned tokens.
        public var meanGap: Double?
        public var maxGap: Double?
        /// Why the method was refused (`nil` when verified).
        public var problem: String?

        public var description: String {
            let measured =
                "\(aligned)/\(tokens) tokens aligned"
                + (meanGap.map { ", mean |gap| \(JSONText.number($0)) nats" } ?? "")
                + (maxGap.map { ", max \(JSONText.number($0))" } ?? "")
            if verified { return "verified \(method) (\(measured))" }
            return "refused \(method): \(problem ?? "no reason") (\(measured))"
        }
    }

    /// Largest mean |gap| accepted, in nats.
    public var maxMeanGap: Double
    /// Smallest share of the answer's tokens the method must score at the same place.
    public var minAlignedShare: Double
    /// Tokens of the probe answer.
    public var answerTokens: Int

    /// Creates a probe.
    public init(maxMeanGap: Double = 0.05, minAlignedShare: Double = 0.8, answerTokens: Int = 24) {
        self.maxMeanGap = maxMeanGap
        self.minAlignedShare = minAlignedShare
        self.answerTokens = answerTokens
    }

    /// Runs the probe.
    ///
    /// - Parameters:
    ///   - forcer: The reference's teacher-forcing method.
    ///   - chat: The reference's chat backend.
    ///   - model: The model name to request.
    ///   - prompt: The probe prompt (a case of the sweep).
    ///   - logger: Where to log.
    /// - Returns: The finding; never throws: a failure is a refusal with its reason.
    public func run(forcer: any TeacherForcing, chat: any ModelBackend, model: String, prompt: Prompt, logger: Logger) async -> Finding {
        var finding = Finding(verified: false, method: forcer.method, tokens: 0, aligned: 0)
        let request = CompletionRequest(
            model: model, prompt: prompt,
            sampling: SamplingParameters(temperature: 0, topP: 1, maxTokens: answerTokens, samples: 1, seed: 1), seed: 1, topLogprobs: 5
        )
        let answer: Completion
        do {
            answer = try await chat.complete(request, logger: logger)
        } catch {
            finding.problem = "the reference's chat API failed: \(error)"
            return finding
        }
        finding.tokens = answer.tokens.count
        guard !answer.tokens.isEmpty else {
            finding.problem = "the reference's chat API reports no token log-probabilities to check against"
            return finding
        }
        let forced: [ForcedToken]
        do {
            let text = answer.tokens.map(\.token).joined()
            forced = try await forcer.teacherForce([ForcingRequest(prompt: prompt, answer: text)], topLogprobs: 5).first ?? []
        } catch {
            finding.problem = "teacher forcing failed: \(error)"
            return finding
        }
        guard forced.contains(where: { $0.logprob != nil }) else {
            finding.problem = "the reply holds no log-probabilities for the answer's tokens (echo ignored or unsupported)"
            return finding
        }
        var gaps: [Double] = []
        for pair in TokenAlignment.align(sampled: answer.tokens, forced: forced, answerStart: 0, contextGuard: 0) {
            guard let logprob = pair.reference?.logprob else { continue }
            gaps.append(abs(pair.sampled.logprob - logprob))
        }
        finding.aligned = gaps.count
        if !gaps.isEmpty {
            finding.meanGap = gaps.reduce(0, +) / Double(gaps.count)
            finding.maxGap = gaps.max()
        }
        if Double(gaps.count) < minAlignedShare * Double(answer.tokens.count) {
            finding.problem = "the method scored only \(gaps.count) of the answer's \(answer.tokens.count) tokens at their place"
        } else if let mean = finding.meanGap, mean > maxMeanGap {
            finding.problem =
                "its log-probabilities differ from the chat API's by \(JSONText.number(mean)) nats on average (limit \(JSONText.number(maxMeanGap))): another context or template than the chat route's, or positions shifted"
        } else {
            finding.verified = true
        }
        return finding
    }
}
