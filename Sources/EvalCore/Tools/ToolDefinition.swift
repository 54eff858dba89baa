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
