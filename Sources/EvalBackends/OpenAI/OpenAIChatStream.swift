import EvalCore

/// A streamed OpenAI chat completion (`stream: true`), read chunk by chunk.
///
/// Each `data:` event is a `chat.completion.chunk`: the text in `choices[0].delta.content`, its
/// tokens in `choices[0].logprobs.content`, `finish_reason` on the last chunk of the choice, and
/// `usage` on a chunk of its own when `stream_options.include_usage` is set; `data: [DONE]` ends
/// the stream. A chunk with an `error` object (vLLM's, mid-stream) ends it as `truncated`.
struct OpenAIChatStream: StreamAccumulator {
    static let lastEvent = "a finish_reason or data: [DONE]"

    var text = ""
    /// Whether any chunk carried `delta.content` as a string.
    var sawContent = false
    var finishReason: String?
    var model: String?
    var systemFingerprint: String?
    var tokens: [TokenLogprob] = []
    var completionTokens: Int?
    var promptTokens: Int?
    /// Tool calls assembled from `delta.tool_calls` pieces, by their `index`.
    private var calls: [Int: (name: String, arguments: String)] = [:]
    var toolCalls: [ToolCall] { calls.keys.sorted().compactMap { calls[$0].map { ToolCall(name: $0.name, arguments: $0.arguments) } } }
    var timer = StreamTimer()
    private var done = false
    private var events = 0

    var isComplete: Bool { done || finishReason != nil }

    mutating func receive(_ event: ServerSentEvent, at seconds: Double) throws(InfraError) {
        events += 1
        guard let json = try Self.openAIChunk(of: event, number: events) else {
            done = true
            return
        }
        do throws(JSONShapeError) {
            try read(JSONField(json, path: ""), at: seconds)
        } catch {
            throw InfraError(.malformedBody, "stream event \(events): not an OpenAI chat completion chunk: \(error)")
        }
    }

    private mutating func read(_ root: JSONField, at seconds: Double) throws(JSONShapeError) {
        guard case .object? = root.value else { throw JSONShapeError(path: "the event", expected: "an object") }
        if model == nil { model = try root["model"].optionalString() }
        if systemFingerprint == nil { systemFingerprint = try root["system_fingerprint"].optionalString() }
        if !root["usage"].isAbsent {
            completionTokens = try root["usage"]["completion_tokens"].optionalInt() ?? completionTokens
            promptTokens = try root["usage"]["prompt_tokens"].optionalInt() ?? promptTokens
        }
        guard let choice = try root["choices"].optionalArray()?.first else { return }
        if let content = try choice["delta"]["content"].optionalString() {
            sawContent = true
            if !content.isEmpty {
                text += content
                timer.generated(at: seconds)
            }
        }
        if !choice["logprobs"].isAbsent, let entries = try choice["logprobs"]["content"].optionalArray() {
            tokens += try LogprobsContent.read(entries)
        }
        for (position, piece) in (try choice["delta"]["tool_calls"].optionalArray() ?? []).enumerated() {
            // The first piece of a call names the function; later ones extend its arguments.
            let index = try piece["index"].optionalInt() ?? position
            var call = calls[index] ?? ("", "")
            if let name = try piece["function"]["name"].optionalString() { call.name += name }
            if let arguments = try piece["function"]["arguments"].optionalString() { call.arguments += arguments }
            calls[index] = call
            timer.generated(at: seconds)
        }
        if let reason = try choice["finish_reason"].optionalString() { finishReason = reason }
    }
}
