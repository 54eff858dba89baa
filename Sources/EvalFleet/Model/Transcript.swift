import EvalCore

/// Reads back a prompt from the plain transcript drift replay sends (``Prompt/transcript``).
enum Transcript {
    static let roles: [(prefix: String, role: ChatMessage.Role)] = ChatMessage.Role.allCases.map { ("\($0.rawValue): ", $0) }

    /// The messages of a transcript's prompt part (everything before the assistant's turn).
    ///
    /// Blocks are separated by blank lines; one that starts with `role: ` opens a message, any
    /// other continues the message before it (content with paragraphs).
    static func prompt(from text: String) -> Prompt {
        var messages: [ChatMessage] = []
        for block in text.components(separatedBy: "\n\n") {
            if let match = roles.first(where: { block.hasPrefix($0.prefix) }) {
                messages.append(ChatMessage(role: match.role, content: String(block.dropFirst(match.prefix.count))))
            } else if !messages.isEmpty {
                messages[messages.count - 1].content += "\n\n" + block
            } else {
                messages.append(ChatMessage(role: .user, content: block))
            }
        }
        return .messages(messages)
    }
}
