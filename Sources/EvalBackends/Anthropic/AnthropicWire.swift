import EvalCore

/// The Anthropic Messages API request body (fields evalctl sends).
struct AnthropicRequestBody: Encodable {
    struct Metadata: Encodable {
        var user_id: String
    }
    /// Absent on Vertex AI, where the model is in the URL.
    var model: String?
    /// Vertex AI's version field (``AnthropicBackend/vertexVersion``), in the body instead of a header.
    var anthropic_version: String? = nil
    var max_tokens: Int
    var system: String?
    var messages: [ChatMessageBody]
    var temperature: Double
    var top_p: Double?
    var top_k: Int?
    var stop_sequences: [String]?
    var metadata: Metadata?
    var stream: Bool? = nil
    var tools: [Tool]? = nil
    var tool_choice: Choice? = nil

    /// A tool, as the Messages API takes it.
    struct Tool: Encodable {
        var name: String
        var description: String?
        var input_schema: JSONValue

        init(_ tool: ToolDefinition) {
            name = tool.name
            description = tool.description
            input_schema = tool.parameters
        }
    }

    /// `tool_choice`: `{"type": "auto" | "any" | "none"}` or `{"type": "tool", "name": …}`.
    struct Choice: Encodable {
        var type: String
        var name: String?

        init(_ choice: ToolChoice) {
            switch choice {
            case .auto: type = "auto"
            case .required: type = "any"
            case .none: type = "none"
            case .named(let tool): (type, name) = ("tool", tool)
            }
        }
    }
}

/// The Anthropic Messages API response body (fields evalctl reads).
struct AnthropicResponseBody: Decodable {
    struct Block: Decodable {
        var type: String
        var text: String?
        /// A `tool_use` block's tool and arguments.
        var name: String?
        var input: JSONValue?
    }
    struct Usage: Decodable {
        var output_tokens: Int?
        var input_tokens: Int?
    }
    var model: String?
    var content: [Block]
    var stop_reason: String?
    var usage: Usage?
}
