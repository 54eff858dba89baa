/// A tool a model may call: its name and the JSON Schema of its arguments (OpenAI's
/// `function.parameters`, Anthropic's `input_schema`).
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The arguments' schema, an object schema as the APIs require.
    public var parameters: JSONValue

    public init(name: String, description: String? = nil, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

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

/// Whether the model may, must or must not call a tool (`tool_choice`).
public enum ToolChoice: Sendable, Equatable {
    /// The model decides (the APIs' default when tools are given).
    case auto
    /// The model must call some tool (OpenAI `required`, Anthropic `any`).
    case required
    /// The model must not call a tool.
    case none
    /// The model must call this tool.
    case named(String)

    /// Reads a suite's value: `auto`, `required`, `none`, or a declared tool's name.
    public init?(_ text: String, tools: [ToolDefinition]) {
        switch text {
        case "auto": self = .auto
        case "required": self = .required
        case "none": self = .none
        default:
            guard tools.contains(where: { $0.name == text }) else { return nil }
            self = .named(text)
        }
    }
}
