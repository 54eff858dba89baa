/// One text the fleet model learns from: an answer, with the prompt it answers.
public struct CorpusDocument: Sendable {
    /// Identifier, for tests and debugging.
    public var id: String
    /// The language group: a language code (`en`, `ja`) or `code:<language>`.
    public var group: String
    /// The prompt the document answers, used to retrieve it.
    public var prompt: String
    /// The answer.
    public var text: String

    /// Creates a document.
    public init(id: String, group: String, prompt: String, text: String) {
        self.id = id
        self.group = group
        self.prompt = prompt
        self.text = text
    }
}
