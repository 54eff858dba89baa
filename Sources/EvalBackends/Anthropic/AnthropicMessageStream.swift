import EvalCore

/// A streamed Anthropic message (`stream: true`, on the Messages API or Vertex AI's
/// `streamRawPredict`), read event by event.
///
/// `message_start` carries the model and input tokens; `content_block_delta` events of type
/// `text_delta` the text; `message_delta` the stop reason and output tokens; `message_stop` ends
/// the stream. `ping` and other blocks' deltas are skipped; an `error` event (`overloaded_error`
/// mid-stream) ends it as `truncated`.
struct AnthropicMessageStream: StreamAccumulator {
    static let lastEvent = "message_stop"

    var text = ""
    /// Whether a text block started.
    var sawText = false
    var stopReason: String?
    var model: String?
    var outputTokens: Int?
    var inputTokens: Int?
    /// The types of the message's content blocks, for the message of an answer without text.
    var blockTypes: [String] = []
    /// `tool_use` blocks by index: the tool's name and its arguments' JSON, from
    /// `input_json_delta` pieces (or the start block's `input` when no piece came).
    private var tools: [Int: (name: String, json: String, start: String)] = [:]
    var toolCalls: [ToolCall] {
        tools.keys.sorted().compactMap { index in
            tools[index].map { ToolCall(name: $0.name, arguments: $0.json.isEmpty ? $0.start : $0.json) }
        }
    }
    var timer = StreamTimer()
    private(set) var isComplete = false
    private var events = 0

    mutating func receive(_ event: ServerSentEvent, at seconds: Double) throws(InfraError) {
        events += 1
        let json = try Self.json(of: event, number: events)
        let root = JSONField(json, path: "")
        if json["type"]?.string == "error" || event.event == "error" {
            let kind = json["error"]?["type"]?.string ?? "error"
            let message = json["error"]?["message"]?.string ?? "no message"
            throw InfraError(.truncated, "the stream ended with an error event: \(kind): \(message.prefix(200))")
        }
        do throws(JSONShapeError) {
            // The event's type is in its data; the `event:` line repeats it.
            let type = try root["type"].optionalString() ?? event.event ?? ""
            switch type {
            case "message_start":
                model = try root["message"]["model"].optionalString()
                inputTokens = try root["message"]["usage"]["input_tokens"].optionalInt()
            case "content_block_start":
                let blockType = try root["content_block"]["type"].string()
                blockTypes.append(blockType)
                if blockType == "text" {
                    sawText = true
                    try append(root["content_block"]["text"].optionalString() ?? "", at: seconds)
                } else if blockType == "tool_use" {
                    let index = try root["index"].optionalInt() ?? blockTypes.count - 1
                    tools[index] = (try root["content_block"]["name"].string(), "", json["content_block"]?["input"]?.jsonText ?? "{}")
                }
            case "content_block_delta":
                switch try root["delta"]["type"].optionalString() {
                case "text_delta": try append(root["delta"]["text"].string(), at: seconds)
                case "input_json_delta":
                    let index = try root["index"].optionalInt() ?? blockTypes.count - 1
                    tools[index]?.json += try root["delta"]["partial_json"].string()
                    timer.generated(at: seconds)
                default: break
                }
            case "message_delta":
                stopReason = try root["delta"]["stop_reason"].optionalString() ?? stopReason
                outputTokens = try root["usage"]["output_tokens"].optionalInt() ?? outputTokens
            case "message_stop":
                isComplete = true
            default:
                break
            }
        } catch {
            throw InfraError(.malformedBody, "stream event \(events): not an Anthropic message event: \(error)")
        }
    }

    private mutating func append(_ piece: String, at seconds: Double) {
        guard !piece.isEmpty else { return }
        text += piece
        timer.generated(at: seconds)
    }
}
