/// One tool call of an answer: the tool's name and its arguments as the API returned them (a
/// JSON string, as OpenAI's `function.arguments`; Anthropic's `input` object re-encoded).
public struct ToolCall: Sendable, Equatable {
    public var name: String
    public var arguments: String

    public init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }
}
