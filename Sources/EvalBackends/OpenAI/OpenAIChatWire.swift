import EvalCore

/// The OpenAI Chat Completions request body, as sent (only the fields evalctl uses).
struct OpenAIChatRequestBody: Encodable {

    var model: String
    var messages: [ChatMessageBody]
    var temperature: Double
    var top_p: Double
    var top_k: Int?
    var max_tokens: Int
    var stop: [String]?
    var seed: UInt64
    var user: String?
    var logprobs: Bool?
    var top_logprobs: Int?
    var stream: Bool? = nil
    var stream_options: StreamOptions? = nil
    var tools: [Tool]? = nil
    var tool_choice: ToolChoiceField? = nil

    /// A function tool, as OpenAI's `tools[]` gives it.
    struct Tool: Encodable {
        struct Function: Encodable {
            var name: String
            var description: String?
            var parameters: JSONValue
        }
        var type = "function"
        var function: Function

        init(_ tool: ToolDefinition) {
            function = Function(name: tool.name, description: tool.description, parameters: tool.parameters)
        }
    }

    /// `tool_choice`: `auto`, `required`, `none`, or `{"type": "function", "function": {"name": …}}`.
    struct ToolChoiceField: Encodable {
        var choice: ToolChoice

        func encode(to encoder: any Encoder) throws {
            switch choice {
            case .auto, .required, .none:
                var container = encoder.singleValueContainer()
                try container.encode(choice == .auto ? "auto" : choice == .required ? "required" : "none")
            case .named(let name):
                try JSONValue.object([("type", .string("function")), ("function", .object([("name", .string(name))]))]).encode(to: encoder)
            }
        }
    }

    /// `include_usage`: the token counts in a last chunk of their own.
    struct StreamOptions: Encodable {
        var include_usage = true
    }
}

/// The OpenAI Chat Completions response body (fields evalctl reads; others are ignored).
struct OpenAIChatResponseBody {
    struct Choice {
        var content: String?
        var finishReason: String?
        /// The `logprobs.content` entries; `nil` when the choice has no `logprobs` block.
        var tokens: [TokenLogprob]?
        /// `message.tool_calls`, each function's name and its arguments' JSON text.
        var toolCalls: [ToolCall] = []
    }

    var model: String?
    var systemFingerprint: String?
    var choices: [Choice]
    var completionTokens: Int?
    var promptTokens: Int?
}

extension OpenAIChatResponseBody: JSONReply {
    init(json: JSONValue) throws(JSONShapeError) {
        let root = JSONField(json, path: "")
        guard case .object? = root.value else { throw JSONShapeError(path: "the body", expected: "an object") }
        model = try root["model"].optionalString()
        systemFingerprint = try root["system_fingerprint"].optionalString()
        completionTokens = root["usage"].isAbsent ? nil : try root["usage"]["completion_tokens"].optionalInt()
        promptTokens = root["usage"].isAbsent ? nil : try root["usage"]["prompt_tokens"].optionalInt()
        var choices: [Choice] = []
        for choice in try root["choices"].array() {
            var tokens: [TokenLogprob]?
            if !choice["logprobs"].isAbsent {
                tokens =
                    try choice["logprobs"]["content"].optionalArray().map { entries throws(JSONShapeError) in try LogprobsContent.read(entries) }
                    ?? []
            }
            var toolCalls: [ToolCall] = []
            for call in try choice["message"]["tool_calls"].optionalArray() ?? [] {
                toolCalls.append(
                    ToolCall(name: try call["function"]["name"].string(), arguments: try call["function"]["arguments"].optionalString() ?? ""))
            }
            choices.append(
                Choice(
                    content: try choice["message"]["content"].optionalString(), finishReason: try choice["finish_reason"].optionalString(),
                    tokens: tokens, toolCalls: toolCalls
                )
            )
        }
        self.choices = choices
    }
}
