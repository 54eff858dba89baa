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
        case .anthropic:
            return AnthropicBackend(platform: platform, apiKey: apiKey, transport: transport)
        }
    }
}

extension BackendFactory {
    /// The teacher-forcing method of a reference platform, as its `teacher_forcing` setting asks:
    /// `auto` picks llama.cpp's native routes when the server answers `/props` with a chat template,
    /// else completions with `echo`. Anthropic platforms have no log-probabilities, hence no method.
    ///
    /// - Returns: The method, or `nil` when the platform cannot or must not teacher-force.
    public static func makeTeacherForcer(for platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) async -> (any TeacherForcing)? {
        guard platform.wireProtocol != .anthropic else { return nil }
        switch platform.teacherForcing {
        case .none:
            return nil
        case .llamaCpp:
            return LlamaCppTeacherForcer(platform: platform, apiKey: apiKey, transport: transport)
        case .completionsEcho:
            return OpenAICompletionsBackend(platform: platform, apiKey: apiKey, transport: transport)
        case .auto:
            if await LlamaCppTeacherForcer.detect(platform: platform, transport: transport) {
                return LlamaCppTeacherForcer(platform: platform, apiKey: apiKey, transport: transport)
            }
            return OpenAICompletionsBackend(platform: platform, apiKey: apiKey, transport: transport)
        }
    }
}
