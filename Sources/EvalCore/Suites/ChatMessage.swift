/// One message of a chat transcript.
public struct ChatMessage: Sendable, Equatable, Hashable {
    /// Who speaks.
    public enum Role: String, Sendable, CaseIterable {
        case system, user, assistant
    }

    /// Who speaks.
    public var role: Role
    /// What is said.
    public var content: String

    /// Creates a message.
    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}
