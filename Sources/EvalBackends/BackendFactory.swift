import EvalCore

/// Makes the backend that speaks a platform's protocol.
public enum BackendFactory {
    /// A platform whose protocol this build cannot speak yet, or whose key is missing.
    public struct UnsupportedProtocol: Error, CustomStringConvertible {
        public let platform: String
        public let wireProtocol: String
        public var description: String {
            "platform '\(platform)': protocol '\(wireProtocol)' is not supported by this evalctl build"
        }
    }

    /// Makes a backend.
    ///
    /// - Parameters:
    ///   - platform: The platform's configuration.
    ///   - apiKey: The key read from the environment variable the configuration names.
    ///   - transport: The shared HTTP client.
    public static func makeBackend(for platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) throws -> any ModelBackend {
        switch platform.wireProtocol {
        case .openAIChat:
            return OpenAIChatBackend(platform: platform, apiKey: apiKey, transport: transport)
        case .openAICompletions:
            return OpenAICompletionsBackend(platform: platform, apiKey: apiKey, transport: transport)
        case .anthropic, .vertexAnthropic:
            return AnthropicBackend(platform: platform, apiKey: apiKey, transport: transport)
        case .bedrockConverse:
            return BedrockConverseBackend(platform: platform, apiKey: apiKey, transport: transport)
        }
    }
}

extension BackendFactory {
    /// The teacher-forcing methods to try for a reference platform, in order.
    ///
    /// As its `teacher_forcing` setting asks: one named method, or for `auto` the engine's own (llama.cpp when the server
    /// answers `GET /props` with a chat template, vLLM when it answers `GET /version`) and then
    /// completions with `echo`. Anthropic platforms have no log-probabilities, hence no method.
    ///
    /// - Returns: The candidates; empty when the platform cannot or must not teacher-force.
    public static func teacherForcers(for platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) async -> [any TeacherForcing] {
        guard platform.wireProtocol.reportsLogprobs else { return [] }
        let echo = OpenAICompletionsBackend(platform: platform, apiKey: apiKey, transport: transport)
        switch platform.teacherForcing {
        case .none:
            return []
        case .llamaCpp:
            return [LlamaCppTeacherForcer(platform: platform, apiKey: apiKey, transport: transport)]
        case .vllm:
            return [VLLMTeacherForcer(platform: platform, apiKey: apiKey, transport: transport)]
        case .completionsEcho:
            return [echo]
        case .auto:
            var candidates: [any TeacherForcing] = []
            if await LlamaCppTeacherForcer.detect(platform: platform, transport: transport) {
                candidates.append(LlamaCppTeacherForcer(platform: platform, apiKey: apiKey, transport: transport))
            } else if await VLLMTeacherForcer.detect(platform: platform, transport: transport) {
                candidates.append(VLLMTeacherForcer(platform: platform, apiKey: apiKey, transport: transport))
            }
            return candidates + [echo]
        }
    }
}
