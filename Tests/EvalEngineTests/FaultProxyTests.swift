import EvalBackends
import EvalCore
import EvalEngine
import Foundation
import Testing

/// The sampler faults `evalctl engine soak --fault` injects, and the proxy that injects them.
struct SamplerFaultTests {
    @Test func parsesKindEqualsRate() throws {
        #expect(try SamplerFault(parsing: "xtc=0.1") == SamplerFault(kind: .xtc, rate: 0.1))
        #expect(try SamplerFault(parsing: "foreign-bias=1") == SamplerFault(kind: .foreignBias, rate: 1))
        for bad in ["xtc", "xtc=", "xtc=0", "xtc=1.5", "xtc=ten", "topk=0.1", "=0.1"] {
            let error = #expect(throws: SamplerFault.ParseError.self) { try SamplerFault(parsing: bad) }
            #expect(error?.description.contains("'\(bad)'") == true, "the error quotes the bad value")
        }
    }

    @Test func affectsAStableShareOfRequests() {
        let fault = SamplerFault(kind: .xtc, rate: 0.1)
        let bodies = (0..<4_000).map { Data("{\"seed\":\($0),\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".utf8) }
        let hit = bodies.filter(fault.affects(body:))
        // 10% of 4,000: 400, standard deviation 19.
        #expect((330...470).contains(hit.count))
        #expect(bodies.filter(fault.affects(body:)) == hit, "the same bodies are hit every time")
        let other = SamplerFault(kind: .foreignBias, rate: 0.1)
        #expect(Set(bodies.filter(other.affects(body:))) != Set(hit), "each kind draws its own requests")
    }

    @Test func injectsOnlyItsOwnParameters() {
        let request: [String: Any] = ["model": "m", "temperature": 0.7, "seed": 3]
        let xtc = SamplerFault(kind: .xtc, rate: 1).inject(into: request, foreignTokens: [])
        #expect(xtc["xtc_probability"] as? Double == 0.5)
        #expect(xtc["xtc_threshold"] as? Double == 0.05)
        #expect(xtc["temperature"] as? Double == 0.7 && xtc["seed"] as? Int == 3 && xtc["model"] as? String == "m")
        let bias = SamplerFault(kind: .foreignBias, rate: 1).inject(into: request, foreignTokens: [17, 42])
        #expect(bias["logit_bias"] as? [String: Double] == ["17": SamplerFault.foreignBias, "42": SamplerFault.foreignBias])
        #expect(bias["xtc_probability"] == nil)
    }
}

/// The proxy in front of a real llama-server.
@Suite(.serialized, .disabled(if: EngineFixture.skipped, "EVALCTL_SKIP_ENGINE_TESTS=1: engine tests not run"))
struct FaultProxyTests {
    let fixture = EngineFixture.shared

    private func chat(_ baseURL: String, _ prompt: String, maxTokens: Int = 32) async throws -> Completion {
        var platform = PlatformConfiguration(
            name: "p", wireProtocol: .openAIChat, baseURL: baseURL, model: EngineInstallation.modelName, maxConcurrency: 1, requestTimeout: 120)
        platform.maxAttempts = 1
        let sampling = SamplingParameters(temperature: 0, topP: 1, maxTokens: maxTokens, samples: 1, seed: 1)
        let request = CompletionRequest(model: EngineInstallation.modelName, prompt: .text(prompt), sampling: sampling, seed: 1, topLogprobs: 5)
        return try await OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport).complete(
            request, logger: EngineFixture.quiet)
    }

    @Test func xtcDropsTheMostLikelyTokenEvenAtTemperatureZero() async throws {
        let server = try await fixture.server("F16")
        let proxy = try await FaultProxy.start(upstream: server.serverRoot, fault: SamplerFault(kind: .xtc, rate: 1), transport: fixture.transport)
        let prompt = "Explain in two sentences why the sky is blue."
        let direct = try await chat(server.baseURL, prompt)
        let faulty = try await chat(proxy.baseURL, prompt)
        await proxy.stop()
        #expect(direct.tokens.allSatisfy { $0.top.first?.token == $0.token }, "healthy greedy decoding takes the top token")
        #expect(faulty.text != direct.text)
        // llama.cpp reports the distribution before its samplers, so the dropped top token shows.
        #expect(faulty.tokens.contains { $0.top.first?.token != $0.token && ($0.top.first?.logprob ?? 0) > $0.logprob })
        #expect(proxy.counts == FaultProxy.Tally(chatRequests: 1, affected: 1))
    }

    @Test func foreignBiasPutsAnotherScriptIntoEnglishAndOtherRoutesPassThrough() async throws {
        let server = try await fixture.server("F16")
        let proxy = try await FaultProxy.start(
            upstream: server.serverRoot, fault: SamplerFault(kind: .foreignBias, rate: 1), transport: fixture.transport)
        let faulty = try await chat(proxy.baseURL, "Write a haiku about autumn.")
        let root = String(proxy.baseURL.dropLast(3))
        let props = try await fixture.transport.relay(method: "GET", url: root + "/props", body: nil, timeout: 30)
        await proxy.stop()
        #expect(faulty.text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) })
        #expect(props.status == 200 && String(decoding: props.body, as: UTF8.self).contains("default_generation_settings"))
        #expect(proxy.counts == FaultProxy.Tally(chatRequests: 1, affected: 1), "only chat requests are counted")
    }

    @Test func requestsOutsideTheShareAreRelayedUnchanged() async throws {
        let server = try await fixture.server("F16")
        let proxy = try await FaultProxy.start(
            upstream: server.serverRoot, fault: SamplerFault(kind: .xtc, rate: 0.0001), transport: fixture.transport)
        let prompt = "What is the capital of France? Answer in one sentence."
        let direct = try await chat(server.baseURL, prompt, maxTokens: 16)
        let relayed = try await chat(proxy.baseURL, prompt, maxTokens: 16)
        await proxy.stop()
        #expect(relayed.text == direct.text)
        #expect(proxy.counts.affected == 0)
    }
}
