import EvalBackends
import EvalCore
import EvalEngine
import EvalTesting
import Foundation
import Testing

/// Tool calls through a real llama.cpp server (`--jinja`), on the chat and Messages routes, whole and
/// streamed, judged by the `tool-call` scorer.
///
/// SmolLM2-135M's own chat template describes no tools, so the server is started with evalctl's
/// ChatML tool template (`Fixtures/smollm2-tools.jinja`); llama.cpp reads the `<tool_call>` format
/// off it and constrains a call's JSON to the tool's schema. The prompts ask for the call in so many
/// words: the model's judgement is not under test, the protocols and the scorer are.
@Suite(.serialized, .disabled(if: EngineFixture.skipped, "EVALCTL_SKIP_ENGINE_TESTS=1: engine tests not run"))
struct LlamaCppToolCallTests {
    let fixture = EngineFixture.shared

    static let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/smollm2-tools.jinja").path
    static let serverArguments = ["--jinja", "--chat-template-file", template]

    static func schema(_ text: String) -> JSONValue {
        guard case .success(let value) = JSONParser.parse(text) else { fatalError("bad schema in the test: \(text)") }
        return value
    }

    /// A call's arguments, parsed (`nil` when they are not JSON).
    static func arguments(_ call: ToolCall) -> JSONValue? {
        if case .success(let value) = JSONParser.parse(call.arguments) { value } else { nil }
    }

    static let tools = [
        ToolDefinition(
            name: "get_weather", description: "The current weather in a city.",
            parameters: schema(
                #"{"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"], "additionalProperties": false}"#
            )),
        ToolDefinition(
            name: "convert_units", description: "Converts a quantity from one unit to another.",
            parameters: schema(
                #"{"type": "object", "properties": {"value": {"type": "number"}, "from": {"type": "string", "minLength": 1}, "to": {"type": "string", "minLength": 1}}, "required": ["value", "from", "to"], "additionalProperties": false}"#
            )),
    ]

    static func toolCase(_ id: String, _ prompt: String, choice: ToolChoice) -> EvalCase {
        var evalCase = EvalCase(id: id, prompt: .text(prompt))
        evalCase.tools = tools
        evalCase.toolChoice = choice
        return evalCase
    }

    static let suite = Suite(
        id: "engine-tools", version: 1, description: "tool calls on the real engine",
        defaults: SamplingParameters(temperature: 0, topP: 1, maxTokens: 96, samples: 1, seed: 7),
        cases: [
            toolCase("weather", "Call the get_weather tool for Paris. Reply only with <tool_call>.", choice: .required),
            toolCase("convert", "Call the convert_units tool to convert 5 km to miles. Reply only with <tool_call>.", choice: .auto),
            toolCase("arithmetic", "What is 2+2?", choice: .auto),
        ]
    )

    func platform(_ name: String, _ wire: PlatformConfiguration.WireProtocol, stream: Bool) async throws -> Sweeper.Target {
        var platform = try await fixture.platform("F16", name: name, protocol: wire, extraArguments: Self.serverArguments)
        platform.stream = stream
        let backend: any ModelBackend =
            wire == .anthropic
            ? AnthropicBackend(platform: platform, apiKey: nil, transport: fixture.transport)
            : OpenAIChatBackend(platform: platform, apiKey: nil, transport: fixture.transport)
        return Sweeper.Target(configuration: platform, backend: backend)
    }

    @Test func callsComeBackOnTheChatAndMessagesRoutesWholeAndStreamedAndPassTheScorer() async throws {
        let targets = [
            try await platform("chat", .openAIChat, stream: false), try await platform("chat-stream", .openAIChat, stream: true),
            try await platform("messages", .anthropic, stream: false), try await platform("messages-stream", .anthropic, stream: true),
        ]
        let plan = SweepPlan(suites: [Self.suite], platforms: targets.map(\.configuration.name), routingKeys: ["rk"])
        let recorder = MemoryRecorder()
        _ = try await Sweeper(targets: targets, scorers: [ToolCallScorer()], requestScorers: [], recorder: recorder, logger: EngineFixture.quiet)
            .run(plan)
        let records = recorder.records
        #expect(records.count == 12)
        var calls: [String: [String: [ToolCall]]] = [:]
        for record in records {
            let platform = record.result.work.platform
            let caseID = record.result.work.evalCase.id
            let completion = try #require(record.result.completion, "\(platform)/\(caseID): \(String(describing: record.result.error))")
            calls[caseID, default: [:]][platform] = completion.toolCalls
            // Every call names a declared tool with arguments its schema accepts: judged, and passed.
            let score = try #require(record.scores.first { $0.scorer == ToolCallScorer.metric }, "\(platform)/\(caseID)")
            #expect(score.passed == true, "\(platform)/\(caseID): \(score.details)")
            if !completion.toolCalls.isEmpty {
                #expect(completion.finishReason == (platform.hasPrefix("chat") ? "tool_calls" : "tool_use"), "\(platform)/\(caseID)")
                #expect(score.details.contains("\"called\":true"))
            }
            if platform.hasSuffix("stream") {
                #expect(completion.streamTiming != nil, "\(platform)/\(caseID) was streamed")
            }
            // llama.cpp refuses `logprobs` with tools on a stream (HTTP 400 naming it): the streamed
            // chat request is asked again without them; the whole one reports them.
            if platform == "chat-stream" { #expect(completion.tokens.isEmpty, "\(caseID)") }
            if platform == "chat" { #expect(!completion.tokens.isEmpty, "\(caseID)") }
        }
        // The asked-for calls, with their arguments read back from each API's form (OpenAI's JSON
        // string, Anthropic's input object, the streamed pieces of either).
        for platform in targets.map(\.configuration.name) {
            let weather = try #require(calls["weather"]?[platform]?.first, "\(platform): no call to get_weather")
            #expect(weather.name == "get_weather")
            #expect(Self.arguments(weather)?["city"]?.string == "Paris", "\(platform): \(weather.arguments)")
            #expect(calls["convert"]?[platform]?.first?.name == "convert_units", "\(platform)")
            #expect(calls["arithmetic"]?[platform]?.isEmpty == true, "\(platform): a question that needs no tool")
        }
        // The same decision on every route, whole or streamed (what `tool_call_f1` compares). Not
        // the same arguments: grammar-constrained JSON from a 135M model has near-ties (`"unit":
        // "celsius"` or not) that batching on the server's two slots tips either way.
        for (caseID, byPlatform) in calls {
            #expect(Set(byPlatform.values.map { $0.map(\.name) }).count == 1, "\(caseID): \(byPlatform)")
        }
    }
}
