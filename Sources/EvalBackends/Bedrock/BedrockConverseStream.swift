import EvalCore

/// A Bedrock ConverseStream reply, read message by message (AWS's event-stream framing, each
/// message's `:event-type` its event).
///
/// `contentBlockDelta` carries text (`delta.text`) or a tool call's input in pieces
/// (`delta.toolUse.input`, its name in `contentBlockStart`'s `start.toolUse`); `messageStop` the stop
/// reason; `metadata` the usage. An exception message (`throttlingException`,
/// `modelStreamErrorException`, …) ends the stream as `truncated`.
struct BedrockConverseStream: StreamAccumulator {
    static let lastEvent = "messageStop"

    var text = ""
    var sawText = false
    var stopReason: String?
    var inputTokens: Int?
    var outputTokens: Int?
    var timer = StreamTimer()
    private var tools: [Int: (name: String, input: String)] = [:]
    private(set) var isComplete = false
    private var events = 0

    var toolCalls: [ToolCall] {
        tools.keys.sorted().compactMap { tools[$0].map { ToolCall(name: $0.name, arguments: $0.input.isEmpty ? "{}" : $0.input) } }
    }

    mutating func receive(_ event: ServerSentEvent, at seconds: Double) throws(InfraError) {
        events += 1
        let name = event.event ?? ""
        if name.hasPrefix("exception:") {
            let json = try? Self.json(of: event, number: events)
            let message = json?["message"]?.string ?? json?["Message"]?.string ?? "no message"
            throw InfraError(.truncated, "the stream ended with \(name.dropFirst("exception:".count)): \(message.prefix(200))")
        }
        let json = try Self.json(of: event, number: events)
        let root = JSONField(json, path: "")
        do throws(JSONShapeError) {
            switch name {
            case "contentBlockStart":
                if let tool = json["start"]?["toolUse"] {
                    let index = try root["contentBlockIndex"].optionalInt() ?? tools.count
                    tools[index] = (tool["name"]?.string ?? "", "")
                }
            case "contentBlockDelta":
                let index = try root["contentBlockIndex"].optionalInt() ?? 0
                if let piece = try root["delta"]["text"].optionalString() {
                    sawText = true
                    if !piece.isEmpty {
                        text += piece
                        timer.generated(at: seconds)
                    }
                } else if let input = try root["delta"]["toolUse"]["input"].optionalString() {
                    tools[index, default: ("", "")].input += input
                    timer.generated(at: seconds)
                }
            case "messageStop":
                stopReason = try root["stopReason"].optionalString()
                isComplete = true
            case "metadata":
                inputTokens = try root["usage"]["inputTokens"].optionalInt()
                outputTokens = try root["usage"]["outputTokens"].optionalInt()
            default:
                break
            }
        } catch {
            throw InfraError(.malformedBody, "stream event \(events) (\(name)): not a ConverseStream event: \(error)")
        }
    }
}
