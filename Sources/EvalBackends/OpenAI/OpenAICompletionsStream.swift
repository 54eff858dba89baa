import EvalCore

/// A streamed legacy completion (`/v1/completions` with `stream: true`), read chunk by chunk.
///
/// Each `data:` event has the shape of a whole completion: `choices[0].text` a piece of the
/// answer, its log-probabilities in either layout, `finish_reason` on the last; `usage` on a chunk
/// of its own with `stream_options.include_usage`; `data: [DONE]` ends the stream.
struct OpenAICompletionsStream: StreamAccumulator {
    static let lastEvent = "a finish_reason or data: [DONE]"

    var text = ""
    var finishReason: String?
    var model: String?
    var systemFingerprint: String?
    var tokens: [TokenLogprob] = []
    var completionTokens: Int?
    var promptTokens: Int?
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
        let chunk: OpenAICompletionsResponseBody
        do throws(JSONShapeError) {
            chunk = try OpenAICompletionsResponseBody(json: json)
        } catch {
            throw InfraError(.malformedBody, "stream event \(events): not an OpenAI completion chunk: \(error)")
        }
        if model == nil { model = chunk.model }
        if systemFingerprint == nil { systemFingerprint = chunk.system_fingerprint }
        completionTokens = chunk.completionTokens ?? completionTokens
        promptTokens = chunk.promptTokens ?? promptTokens
        guard let choice = chunk.choices.first else { return }
        if !choice.text.isEmpty {
            text += choice.text
            timer.generated(at: seconds)
        }
        tokens += OpenAICompletionsBackend.generatedTokens(of: choice.logprobs)
        if let reason = choice.finish_reason { finishReason = reason }
    }
}
