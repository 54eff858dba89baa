import EvalCore

/// A protocol's reader of a streamed answer: takes the events in order and knows when the stream
/// has said all it will.
protocol StreamAccumulator: Sendable {
    /// Reads one event that arrived `seconds` after the request was sent.
    ///
    /// - Throws: ``InfraError``: an error event (`truncated`), or an event that is not the
    ///   protocol's (`malformed-body`, naming the event and field).
    mutating func receive(_ event: ServerSentEvent, at seconds: Double) throws(InfraError)
    /// Whether the stream's last event has come: without it, the answer was cut.
    var isComplete: Bool { get }
    /// What the stream's last event is, for the message of a cut stream (`data: [DONE]`).
    static var lastEvent: String { get }
}

extension StreamAccumulator {
    /// An OpenAI stream's event as JSON, or `nil` for its end (`data: [DONE]`); a chunk with an
    /// `error` object (vLLM's, mid-stream) ends the stream as `truncated`.
    static func openAIChunk(of event: ServerSentEvent, number: Int) throws(InfraError) -> JSONValue? {
        if event.data == "[DONE]" { return nil }
        let json = try json(of: event, number: number)
        if let error = json["error"], !error.isNull {
            let message = error["message"]?.string ?? error.string ?? "no message"
            throw InfraError(.truncated, "the stream ended with an error: \(message.prefix(200))")
        }
        return json
    }

    /// Parses an event's data as JSON, failures naming the event.
    static func json(of event: ServerSentEvent, number: Int) throws(InfraError) -> JSONValue {
        switch JSONParser.parse(event.data, maxDepth: 64) {
        case .success(let value): return value
        case .failure(let failure): throw InfraError(.malformedBody, "stream event \(number): \(failure)")
        }
    }
}
