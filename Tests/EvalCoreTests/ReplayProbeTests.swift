import EvalCore
import Foundation
import Logging
import Testing

struct ReplayProbeTests {
    /// A chat API that answers with fixed tokens.
    struct FixedChat: ModelBackend {
        var tokens: [TokenLogprob]
        func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
            Completion(text: tokens.map(\.token).joined(), finishReason: "stop", tokens: tokens)
        }
    }

    /// A forcer that returns what it is told, or fails.
    struct FixedForcer: TeacherForcing {
        var result: Result<[ForcedToken], InfraError>
        var method: String { "fixed" }
        var maxBatch: Int { 1 }
        func teacherForce(_ requests: [ForcingRequest], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]] {
            try requests.map { _ throws(InfraError) in try result.get() }
        }
    }

    let answer = [
        TokenLogprob(token: "A", logprob: -0.5, top: [.init(token: "A", logprob: -0.5)]),
        TokenLogprob(token: " hash", logprob: -0.1, top: [.init(token: " hash", logprob: -0.1)]),
        TokenLogprob(token: " map", logprob: -0.2, top: [.init(token: " map", logprob: -0.2)]),
    ]

    private func forced(_ logprobs: [Double], shift: Int = 0) -> [ForcedToken] {
        var offset = 0
        return zip(answer, logprobs).map { token, logprob in
            defer { offset += token.token.unicodeScalars.count }
            return ForcedToken(offset: offset + shift, text: token.token, logprob: logprob, top: [])
        }
    }

    private func probe(_ result: Result<[ForcedToken], InfraError>) async -> ReplayProbe.Finding {
        var quiet = Logger(label: "probe")
        quiet.logLevel = .critical
        return await ReplayProbe().run(
            forcer: FixedForcer(result: result), chat: FixedChat(tokens: answer), model: "m", prompt: .text("q"), logger: quiet)
    }

    @Test func aMethodThatReproducesTheChatLogprobsIsVerified() async {
        let finding = await probe(.success(forced([-0.5, -0.101, -0.2])))
        #expect(finding.verified)
        #expect(finding.aligned == 3 && finding.tokens == 3)
        #expect(finding.description.hasPrefix("verified fixed"))
    }

    @Test func anotherContextIsRefusedWithTheGap() async {
        let finding = await probe(.success(forced([-2.5, -1.1, -0.9])))
        #expect(!finding.verified)
        #expect(finding.description.contains("differ from the chat API's"))
    }

    @Test func shiftedPositionsAreRefused() async {
        let finding = await probe(.success(forced([-0.5, -0.1, -0.2], shift: 1)))
        #expect(!finding.verified)
        #expect(finding.description.contains("scored only 0 of the answer's 3 tokens"))
    }

    @Test func anIgnoredEchoIsRefused() async {
        let finding = await probe(.success([]))
        #expect(!finding.verified)
        #expect(finding.description.contains("echo ignored or unsupported"))
    }

    @Test func aFailingMethodIsRefusedWithTheError() async {
        let finding = await probe(.failure(InfraError(.http4xx, "HTTP 400: Only no echo is supported", status: 400)))
        #expect(!finding.verified)
        #expect(finding.description.contains("Only no echo is supported"))
    }
}
