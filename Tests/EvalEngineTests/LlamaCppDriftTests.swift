import EvalBackends
import EvalCore
import EvalEngine
import EvalTesting
import Foundation
import Testing

/// Drift methods against the real engine: which teacher-forcing method a llama.cpp reference
/// supports, what the probe says of each, and whether the aligned method separates a badly
/// quantized platform (Q4_0 requantized from Q4_1) from a healthy one (Q8_0) serving the same model.
@Suite(.serialized, .disabled(if: EngineFixture.skipped, "EVALCTL_SKIP_ENGINE_TESTS=1: engine tests not run"))
struct LlamaCppDriftTests {
    let fixture = EngineFixture.shared
    let probePrompt = Prompt.text("Explain how a hash map handles collisions.")

    @Test func echoIsIgnoredAndTheProbeRefusesCompletionsEcho() async throws {
        let reference = try await fixture.platform("F16")
        let chat = OpenAIChatBackend(platform: reference, apiKey: nil, transport: fixture.transport)
        let echo = OpenAICompletionsBackend(platform: reference, apiKey: nil, transport: fixture.transport)
        // llama.cpp answers `echo: true, max_tokens: 0` with HTTP 200 and one generated token: no prompt log-probabilities.
        let forced = try await echo.teacherForce([ForcingRequest(prompt: probePrompt, answer: "A hash map stores")], topLogprobs: 3)
        #expect(forced == [[]], "nothing of the answer was scored")
        let finding = await ReplayProbe().run(forcer: echo, chat: chat, model: reference.model, prompt: probePrompt, logger: EngineFixture.quiet)
        #expect(!finding.verified)
        #expect(finding.description.contains("echo ignored or unsupported"), "\(finding)")
    }

    @Test func llamaCppTeacherForcingReproducesTheChatLogprobs() async throws {
        let reference = try await fixture.platform("F16")
        let chat = OpenAIChatBackend(platform: reference, apiKey: nil, transport: fixture.transport)
        let forcer = try #require(await BackendFactory.teacherForcers(for: reference, apiKey: nil, transport: fixture.transport).first)
        #expect(forcer.method.contains("llama.cpp"), "auto-detection finds llama.cpp's /props")
        let finding = await ReplayProbe().run(forcer: forcer, chat: chat, model: reference.model, prompt: probePrompt, logger: EngineFixture.quiet)
        #expect(finding.verified, "\(finding)")
        #expect(finding.aligned == finding.tokens)
        #expect((finding.meanGap ?? 1) < 0.01, "\(finding)")
    }

    @Test func aForcedAnswerGetsTheModelsOwnProbabilityOfEachToken() async throws {
        let reference = try await fixture.platform("F16")
        let forcer = LlamaCppTeacherForcer(platform: reference, apiKey: nil, transport: fixture.transport)
        let unlikely = "Paris ist die Hauptstadt. \"Quoted\"\n\tdone\\"
        let forced = try await forcer.teacherForce(
            [ForcingRequest(prompt: .text("What is the capital of France?"), answer: unlikely)], topLogprobs: 5)
        let tokens = try #require(forced.first)
        // The grammar admits only this text, escapes included; the end-of-turn token may follow it.
        #expect(tokens.map(\.text).joined() == unlikely)
        #expect(tokens.allSatisfy { ($0.logprob ?? 0) < 0 && $0.top.count == 5 })
        #expect(tokens.contains { ($0.logprob ?? 0) < -5 }, "tokens the model would not choose keep their low probability")
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.offset + $0.text.unicodeScalars.count == $1.offset })
    }

    @Test func alignedDistributionsSeparateQ4_0FromQ8_0() async throws {
        let names = ["f16": "F16", "q8_0": "Q8_0", "q4_0": "Q4_0"]
        var targets: [Sweeper.Target] = []
        for name in ["f16", "q8_0", "q4_0"] {
            let platform = try await fixture.platform(names[name] ?? "", name: name)
            targets.append(.init(configuration: platform, backend: OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport)))
        }
        let prompts = [
            "What is the capital of France? Answer in one sentence.", "Explain how a hash map handles collisions.",
            "Give three tips for writing clean Python code.", "What is a prime number?", "Describe the water cycle in two sentences.",
            "Why is the sky blue?",
        ]
        let suite = Suite(
            id: "engine-aligned", version: 1, description: "aligned drift on the real engine",
            defaults: SamplingParameters(temperature: 0.7, topP: 0.99, maxTokens: 12, samples: 2, seed: 3),
            cases: prompts.enumerated().map { EvalCase(id: "p\($0.offset)", prompt: .text($0.element)) }
        )
        let plan = SweepPlan(suites: [suite], platforms: targets.map(\.configuration.name), routingKeys: ["rk"])
        let thresholds = DriftThresholds()
        let scorer = DriftScorer(
            replayer: nil, referenceAnswers: ReferenceAnswers(reference: "f16", planned: plan.items["f16"] ?? []), thresholds: thresholds)
        let recorder = MemoryRecorder()
        _ = try await Sweeper(targets: targets, scorers: [], requestScorers: [scorer], recorder: recorder, logger: EngineFixture.quiet).run(plan)
        func aligned(_ platform: String) -> [Score] {
            recorder.records.filter { $0.result.work.platform == platform }.flatMap(\.scores).filter { $0.scorer == DriftMetric.aligned.rawValue }
        }
        #expect(aligned("f16").isEmpty, "the reference is not compared with itself")
        let healthy = aligned("q8_0")
        let broken = aligned("q4_0")
        #expect(healthy.count == 12 && broken.count == 12)
        #expect(healthy.allSatisfy { $0.passed == true }, "Q8_0: \(healthy.map(\.value))")
        #expect(broken.filter { $0.passed == false }.count >= 3, "Q4_0: \(broken.map(\.value))")
        let mean = { (scores: [Score]) in scores.map(\.value).reduce(0, +) / Double(max(1, scores.count)) }
        #expect(mean(broken) > 2 * mean(healthy), "Q4_0 \(mean(broken)) vs Q8_0 \(mean(healthy))")
        #expect(broken.allSatisfy { $0.details.contains("\"method\":\"aligned\"") })
    }
}
