import EvalBackends
import EvalCore
import EvalEngine
import EvalTesting
import Foundation
import Testing

/// Every backend evalctl has for OpenAI-compatible servers, against a real llama.cpp server.
///
/// The server serves SmolLM2-135M-Instruct (`make engine`); each test states the engine behaviour it relies on.
@Suite(.serialized, .disabled(if: EngineFixture.skipped, "EVALCTL_SKIP_ENGINE_TESTS=1: engine tests not run"))
struct LlamaCppBackendTests {
    let fixture = EngineFixture.shared

    private func request(_ prompt: String, temperature: Double = 0, maxTokens: Int = 16, seed: UInt64 = 1, topLogprobs: Int = 0, stop: [String] = [])
        -> CompletionRequest
    {
        var sampling = SamplingParameters(temperature: temperature, topP: temperature > 0 ? 0.95 : 1, maxTokens: maxTokens, samples: 1, seed: seed)
        sampling.stop = stop
        return CompletionRequest(model: EngineInstallation.modelName, prompt: .text(prompt), sampling: sampling, seed: seed, topLogprobs: topLogprobs)
    }

    @Test func chatReportsTokenLogprobsWithAsManyAlternativesAsAsked() async throws {
        let platform = try await fixture.platform("F16")
        let backend = OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport)
        let completion = try await backend.complete(
            request("What is the capital of France? Answer in one sentence.", topLogprobs: 10), logger: EngineFixture.quiet)
        #expect(completion.text.contains("Paris"))
        #expect(!completion.tokens.isEmpty)
        #expect(completion.tokens.map(\.token).joined() == completion.text)
        // llama.cpp puts no cap of 5 on top_logprobs, unlike OpenAI.
        #expect(completion.tokens.allSatisfy { $0.top.count == 10 && $0.logprob <= 0 })
        // At temperature 0 each token is the most likely one.
        #expect(completion.tokens.allSatisfy { $0.top.first?.token == $0.token })
        #expect(completion.reportedModel == EngineInstallation.modelName)
        #expect(completion.completionTokens == completion.tokens.count)
    }

    @Test func anthropicMessagesGiveTheChatRoutesGreedyAnswer() async throws {
        // llama.cpp serves the Anthropic Messages API at /v1/messages too, through the same chat template.
        let chatPlatform = try await fixture.platform("F16")
        let anthropicPlatform = try await fixture.platform("F16", protocol: .anthropic)
        let prompt = request("What is the capital of France? Answer in one sentence.", maxTokens: 24)
        let chat = try await OpenAIChatBackend(platform: chatPlatform, apiKey: nil, transport: fixture.transport).complete(
            prompt, logger: EngineFixture.quiet)
        let messages = try await AnthropicBackend(platform: anthropicPlatform, apiKey: nil, transport: fixture.transport)
            .complete(prompt, logger: EngineFixture.quiet)
        #expect(messages.text == chat.text)
        #expect(messages.finishReason == "stop")
        #expect(messages.tokens.isEmpty, "the Messages API reports no log-probabilities")
    }

    @Test func streamedAnswersAreTheNonStreamedOnesAtTemperatureZero() async throws {
        // llama.cpp streams both routes as server-sent events (chat chunks ending in `data: [DONE]`,
        // Messages events ending in `message_stop`); at temperature 0 a healthy server streams the
        // answer it gives whole, token by token, log-probabilities included.
        for wire in [PlatformConfiguration.WireProtocol.openAIChat, .openAICompletions, .anthropic] {
            // Completions apply no chat template: a text to continue, not a question.
            let question = wire == .openAICompletions ? "The capital of France is" : "What is the capital of France? Answer in one sentence."
            let prompt = request(question, maxTokens: 24, topLogprobs: 3)
            let whole = try await fixture.platform("F16", protocol: wire)
            var streamed = whole
            streamed.stream = true
            let backend = { (platform: PlatformConfiguration) -> any ModelBackend in
                switch wire {
                case .anthropic: AnthropicBackend(platform: platform, apiKey: nil, transport: fixture.transport)
                case .openAICompletions: OpenAICompletionsBackend(platform: platform, apiKey: nil, transport: fixture.transport)
                default: OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport)
                }
            }
            let reference = try await backend(whole).complete(prompt, logger: EngineFixture.quiet)
            let stream = try await backend(streamed).complete(prompt, logger: EngineFixture.quiet)
            #expect(stream.text == reference.text && stream.finishReason == reference.finishReason, "\(wire)")
            #expect(stream.completionTokens == reference.completionTokens, "\(wire)")
            #expect(reference.streamTiming == nil)
            let timing = try #require(stream.streamTiming, "\(wire)")
            #expect(timing.timeToFirstToken > 0 && !timing.interTokenGaps.isEmpty, "\(wire)")
            // The whole answer also reports the end-of-generation token (empty text); the stream's
            // last chunk does not. Log-probabilities agree to 0.01 nats, not exactly: the second
            // request reuses the first's cached prompt, the same numbers computed in other batch shapes.
            let wholeTokens = reference.tokens.last?.token == "" ? Array(reference.tokens.dropLast()) : reference.tokens
            #expect(stream.tokens.map(\.token) == wholeTokens.map(\.token), "\(wire)")
            for (a, b) in zip(stream.tokens, wholeTokens) { #expect(abs(a.logprob - b.logprob) < 0.01, "\(wire) \(a.token)") }
        }
    }

    @Test func completionsReadLlamaCppsLogprobLayout() async throws {
        // llama.cpp answers /v1/completions with the chat-style `logprobs.content[]`, not `tokens`/`token_logprobs`.
        let platform = try await fixture.platform("F16", protocol: .openAICompletions)
        let backend = OpenAICompletionsBackend(platform: platform, apiKey: nil, transport: fixture.transport)
        let completion = try await backend.complete(request("The capital of France is", maxTokens: 4, topLogprobs: 3), logger: EngineFixture.quiet)
        #expect(completion.tokens.count == 4)
        #expect(completion.tokens.map(\.token).joined() == completion.text)
        #expect(completion.tokens.allSatisfy { $0.top.count == 3 && $0.logprob <= 0 })
        #expect(completion.finishReason == "length")
    }

    @Test func temperatureZeroRepeatsExactlyAndSeedsReproduceSampling() async throws {
        let platform = try await fixture.platform("Q8_0")
        let backend = OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport)
        let greedy = request("Explain how a hash map handles collisions.", maxTokens: 12, topLogprobs: 2)
        var answers: [Completion] = []
        for _ in 0..<3 { answers.append(try await backend.complete(greedy, logger: EngineFixture.quiet)) }
        #expect(Set(answers.map(\.text)).count == 1)
        // Once the prompt is in the server's cache, repeats are bit-identical, log-probabilities included.
        #expect(answers[1].tokens == answers[2].tokens)

        let sampled = request("Write a haiku about the sea.", temperature: 0.9, maxTokens: 16, seed: 7)
        let first = try await backend.complete(sampled, logger: EngineFixture.quiet)
        let again = try await backend.complete(sampled, logger: EngineFixture.quiet)
        #expect(first.text == again.text, "the same seed draws the same answer at temperature 0.9")
        var texts: Set<String> = [first.text]
        for seed in UInt64(8)...11 {
            texts.insert(
                try await backend.complete(
                    request("Write a haiku about the sea.", temperature: 0.9, maxTokens: 16, seed: seed), logger: EngineFixture.quiet
                ).text)
        }
        #expect(texts.count >= 3, "other seeds draw other answers: \(texts)")
    }

    @Test func stopSequencesAndFinishReasons() async throws {
        let platform = try await fixture.platform("F16")
        let backend = OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport)
        let cut = try await backend.complete(request("Explain how a hash map handles collisions.", maxTokens: 5), logger: EngineFixture.quiet)
        #expect(cut.finishReason == "length")
        #expect(cut.completionTokens == 5)
        let ended = try await backend.complete(
            request("What is the capital of France? Answer in one sentence.", maxTokens: 40), logger: EngineFixture.quiet)
        #expect(ended.finishReason == "stop")
        let stopped = try await backend.complete(
            request("What is the capital of France? Answer in one sentence.", maxTokens: 40, stop: [" is"]), logger: EngineFixture.quiet
        )
        #expect(stopped.finishReason == "stop")
        #expect(!stopped.text.contains(" is"), "the stop sequence ends the answer and is not part of it: \(stopped.text)")
        #expect(ended.text.hasPrefix(stopped.text))
    }

    @Test func nBeyondTheServersSlotsIsRefusedSoEachSampleIsItsOwnRequest() async throws {
        // llama.cpp bounds `n` by its parallel slots (`-np`, 2 here): n = 3 is refused with HTTP 400.
        let platform = try await fixture.platform("F16")
        let body = #"{"model":"smollm2-135m-instruct","messages":[{"role":"user","content":"Hi"}],"n":3,"max_tokens":4}"#
        let (status, reply) = try await RawHTTP.post(platform.baseURL + "/chat/completions", body: body)
        #expect(status == 400)
        #expect(String(decoding: reply, as: UTF8.self).contains("'n'"))
        // evalctl never sends `n`: three samples of a case are three requests, each with its own seed.
        let suite = Suite(
            id: "engine-n", version: 1, description: "samples one by one",
            defaults: SamplingParameters(temperature: 1, topP: 1, maxTokens: 8, samples: 3, seed: 11),
            cases: [EvalCase(id: "haiku", prompt: .text("Write a haiku about the sea."))]
        )
        let recorder = MemoryRecorder()
        let target = Sweeper.Target(
            configuration: platform, backend: OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport))
        let outcome = try await Sweeper(targets: [target], scorers: [], recorder: recorder, logger: EngineFixture.quiet)
            .run(SweepPlan(suites: [suite], platforms: [platform.name], routingKeys: ["rk"]))
        #expect(outcome.completed == 3 && outcome.failed == 0)
        #expect(Set(recorder.records.map(\.result.work.seed)).count == 3)
    }
}
