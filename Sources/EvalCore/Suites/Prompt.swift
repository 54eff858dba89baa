/// The input of a case: a plain string, or a chat transcript.
public enum Prompt: Sendable, Equatable {
    /// A single user message.
    case text(String)
    /// A chat transcript, sent as is.
    case messages([ChatMessage])

    /// The prompt as chat messages; a plain string becomes one user message.
    public var chatMessages: [ChatMessage] {
        switch self {
        case .text(let text): [ChatMessage(role: .user, content: text)]
        case .messages(let messages): messages
        }
    }

    /// The prompt flattened to text, one `role: content` block per message for transcripts.
    public var flattened: String {
        switch self {
        case .text(let text):
            text
        case .messages(let messages):
            messages.map { "\($0.role.rawValue): \($0.content)" }.joined(separator: "\n\n")
        }
    }

    /// The prompt as the plain transcript drift replay sends to a completions endpoint: one
    /// `role: content` block per message (a plain string is a user message), then the opening of
    /// the assistant's turn, so that the answer follows directly.
    public var transcript: String {
        chatMessages.map { "\($0.role.rawValue): \($0.content)" }.joined(separator: "\n\n") + Self.assistantTurn
    }

    /// What opens the assistant's turn in a ``transcript``.
    public static let assistantTurn = "\n\nassistant: "

    /// A stable content hash, used to store each distinct prompt once and to join samples across runs.
    public var contentHash: String {
        switch self {
        case .text(let text):
            StableHash.hex(of: "text\u{0}" + text)
        case .messages(let messages):
            StableHash.hex(of: "messages\u{0}" + messages.map { "\($0.role.rawValue)\u{0}\($0.content)" }.joined(separator: "\u{1}"))
        }
    }
}
