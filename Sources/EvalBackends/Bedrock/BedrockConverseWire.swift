import EvalCore

/// A Bedrock Converse request body (fields evalctl sends).
struct BedrockConverseRequestBody: Encodable {
    struct Text: Encodable {
        var text: String
    }
    struct Message: Encodable {
        var role: String
        var content: [Text]
    }
    struct InferenceConfig: Encodable {
        var maxTokens: Int
        var temperature: Double
        var topP: Double?
        var stopSequences: [String]?
    }
    var messages: [Message]
    var system: [Text]?
    var inferenceConfig: InferenceConfig
    var toolConfig: ToolConfig? = nil

    /// `toolConfig`: each tool as a `toolSpec` with its schema under `inputSchema.json`, and the
    /// choice as `{"auto": {}}`, `{"any": {}}` or `{"tool": {"name": …}}` (Converse has no `none`:
    /// such a request is sent without tools).
    struct ToolConfig: Encodable {
        var tools: [JSONValue]
        var toolChoice: JSONValue?

        init?(_ tools: [ToolDefinition], choice: ToolChoice?) {
            guard !tools.isEmpty, choice != ToolChoice.none else { return nil }
            self.tools = tools.map { tool in
                var spec: [(key: String, value: JSONValue)] = [("name", .string(tool.name))]
                if let description = tool.description { spec.append(("description", .string(description))) }
                spec.append(("inputSchema", .object([("json", tool.parameters)])))
                return .object([("toolSpec", .object(spec))])
            }
            switch choice {
            case .auto?: toolChoice = .object([("auto", .object([]))])
            case .required?: toolChoice = .object([("any", .object([]))])
            case .named(let name)?: toolChoice = .object([("tool", .object([("name", .string(name))]))])
            case .none?, nil: toolChoice = nil
            }
        }
    }
}

/// A Bedrock Converse response body (fields evalctl reads).
struct BedrockConverseResponseBody: Decodable {
    struct Block: Decodable {
        struct ToolUse: Decodable {
            var name: String
            var input: JSONValue?
        }
        var text: String?
        var toolUse: ToolUse?
    }
    struct Message: Decodable {
        var content: [Block]
    }
    struct Output: Decodable {
        var message: Message?
    }
    struct Usage: Decodable {
        var outputTokens: Int?
        var inputTokens: Int?
    }
    var output: Output?
    var stopReason: String?
    var usage: Usage?
}
