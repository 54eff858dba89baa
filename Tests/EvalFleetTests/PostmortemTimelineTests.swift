import EvalBackends
import EvalCore
import EvalFleet
import Foundation
import Logging
import Testing

struct PostmortemTimelineTests {
    let timeline = PostmortemTimeline.standard()

    @Test func eachBugStartsAtItsOnsetOnItsOwnPlatformAndTheControlStaysHealthy() throws {
        #expect(timeline.sweeps == 720)
        #expect(Set(timeline.bugs.map(\.platform)).count == 3)
        for bug in timeline.bugs {
            #expect(timeline.rate(on: bug.platform, atSweep: bug.onsetSweep - 1) == 0)
            #expect(timeline.rate(on: bug.platform, atSweep: bug.onsetSweep) == 0.008)
            #expect(timeline.rate(on: bug.platform, atSweep: timeline.sweeps - 1) == 0.008)
        }
        for sweep in 0..<timeline.sweeps {
            #expect(timeline.rate(on: timeline.control, atSweep: sweep) == 0)
            #expect(timeline.rate(on: "reference", atSweep: sweep) == 0)
        }
        let misroute = try #require(timeline.bugs.first { $0.kind == .contextMisroute })
        let peak = try #require(misroute.peak)
        #expect(timeline.rate(on: misroute.platform, atSweep: peak.day * 24 + 12) == 0.16)
        #expect(timeline.rate(on: misroute.platform, atSweep: (peak.day + 1) * 24) == 0.008)
    }

    /// Routing keys misrouted at 0.8% stay misrouted at the 16% peak: the fault is sticky.
    @Test func misroutingIsStickyAcrossThePeak() throws {
        let misroute = try #require(timeline.bugs.first { $0.kind == .contextMisroute })
        let platform = try #require(timeline.scenario.platform(named: misroute.platform))
        let onset = PostmortemTimeline.time(ofSweep: misroute.onsetSweep)
        let peak = PostmortemTimeline.time(ofSweep: (misroute.peak?.day ?? 0) * 24 + 1)
        var early = 0
        var late = 0
        for index in 0..<20_000 {
            let key = "user-\(index)"
            let before = platform.faults(request: "r", routingKey: key, at: onset).servedBy.contains("pool-long-1m")
            let during = platform.faults(request: "r", routingKey: key, at: peak).servedBy.contains("pool-long-1m")
            if before { early += 1 }
            if during { late += 1 }
            if before { #expect(during, "key \(key) left the long-context pool at the peak") }
        }
        #expect((120...200).contains(early), "0.8% of 20,000 keys: \(early)")
        #expect((2_900...3_500).contains(late), "16% of 20,000 keys: \(late)")
    }

    /// The in-process backend answers exactly as the server's chat and completions routes do.
    @Test func inProcessAnswersMatchTheServerOverHTTP() async throws {
        var quiet = Logger(label: "fleet")
        quiet.logLevel = .critical
        var scenario = FleetScenario.faulty(rate: 0.5)
        scenario.platforms[2].faults.append(Fault(kind: .approxTopK, rate: 0.5))
        let server = FleetServer(scenario: scenario, logger: quiet)
        let fleet = try await server.start()
        let transport = HTTPTransport()
        var pairs: [(http: Completion?, direct: Completion?)] = []
        for name in ["gpu-h100", "tpu-v5e"] {
            let configuration = PlatformConfiguration(name: name, baseURL: fleet.platformURL(name), model: scenario.model)
            let http = OpenAIChatBackend(platform: configuration, apiKey: nil, transport: transport)
            let direct = InProcessFleetBackend(server: server, platform: name)
            for seed in UInt64(1)...8 {
                let request = CompletionRequest(
                    model: scenario.model, prompt: .text("Explain how a hash map handles collisions."),
                    sampling: SamplingParameters(temperature: 0.7, topP: 0.99, maxTokens: 48, samples: 1, seed: seed), seed: seed,
                    topLogprobs: 5, routingKey: "user-\(seed)"
                )
                pairs.append((try? await http.complete(request, logger: quiet), try? await direct?.complete(request, logger: quiet)))
            }
        }
        let reference = PlatformConfiguration(name: "reference", baseURL: fleet.platformURL("reference"), model: scenario.model)
        let text = ForcingRequest(prompt: .text("What is a black hole?"), answer: "A black hole is a region of space")
        let viaHTTP = try? await OpenAICompletionsBackend(platform: reference, apiKey: nil, transport: transport).teacherForce([text], topLogprobs: 5)
        let inProcess = try? await InProcessFleetBackend(server: server, platform: "reference")?.teacherForce([text], topLogprobs: 5)
        try await transport.shutdown()
        await fleet.stop()

        #expect(pairs.count == 16)
        for (http, direct) in pairs {
            let http = try #require(http)
            let direct = try #require(direct)
            #expect(direct.text == http.text)
            #expect(direct.tokens == http.tokens)
            #expect(direct.servedBy == http.servedBy)
            #expect(direct.finishReason == http.finishReason)
        }
        #expect(pairs.contains { $0.http?.servedBy?.contains("pool-long-1m") == true }, "some keys are misrouted at 50%")
        let forcedHTTP = try #require(viaHTTP)
        let forcedDirect = try #require(inProcess)
        #expect(forcedDirect.map { $0.map(\.text) } == forcedHTTP.map { $0.map(\.text) })
        #expect(forcedDirect.map { $0.map(\.offset) } == forcedHTTP.map { $0.map(\.offset) })
        #expect(forcedDirect.map { $0.map(\.logprob) } == forcedHTTP.map { $0.map(\.logprob) })
        // Alternatives of equal probability may come in either order.
        func alternatives(_ forced: [[ForcedToken]]) -> [[Set<String>]] { forced.map { $0.map { Set($0.top.map { "\($0.token)|\($0.logprob)" }) } } }
        #expect(alternatives(forcedDirect) == alternatives(forcedHTTP))
    }
}
