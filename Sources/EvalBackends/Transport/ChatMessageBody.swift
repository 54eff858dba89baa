import EvalCore

/// A chat message as every JSON API evalctl speaks encodes it: `{"role": …, "content": …}`.
struct ChatMessageBody: Encodable {
    var role: String
    var content: String

    init(_ message: ChatMessage) {
        self.role = message.role.rawValue
        self.content = message.content
    }
}
