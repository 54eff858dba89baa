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
