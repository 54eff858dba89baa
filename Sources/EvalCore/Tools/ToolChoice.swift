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
