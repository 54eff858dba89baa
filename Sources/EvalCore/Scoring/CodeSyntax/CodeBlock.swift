/// A piece of code found in an answer.
public struct CodeBlock: Sendable, Equatable {
    /// The code, without its fences.
    public var code: String
    /// The fence's info string (`python`, `ts title="x"`…), nil for bare code or an untagged fence.
    public var tag: String?
    /// The language it is checked as: from the tag, else the case's expectation, else the content.
    public var language: CodeLanguage?
    /// Line of the answer on which the code starts, from 1.
    public var firstLine: Int
    /// Whether the block's closing fence was found (bare code counts as closed).
    public var isClosed: Bool

    /// Creates a block.
    public init(code: String, tag: String? = nil, language: CodeLanguage?, firstLine: Int, isClosed: Bool = true) {
        self.code = code
        self.tag = tag
        self.language = language
        self.firstLine = firstLine
        self.isClosed = isClosed
    }
}
