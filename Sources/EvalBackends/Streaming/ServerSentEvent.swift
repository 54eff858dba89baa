/// One event of a `text/event-stream` body.
struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` field, or `nil` for the default type (`message`).
    var event: String?
    /// The `data:` fields, joined by newlines.
    var data: String
}
