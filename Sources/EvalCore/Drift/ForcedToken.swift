/// One token of a teacher-forced text: where it starts, and how likely the scoring platform found
/// it given everything before it.
public struct ForcedToken: Sendable, Equatable {
    /// Offset of the token's first Unicode scalar in the scored text (as OpenAI's `text_offset`).
    public var offset: Int
    /// The token's text.
    public var text: String
    /// Its natural log-probability; `nil` for the first token, which has no context.
    public var logprob: Double?
    /// The most likely tokens at this position, most likely first.
    public var top: [TokenLogprob.Alternative]

    /// Creates a token.
    public init(offset: Int, text: String, logprob: Double?, top: [TokenLogprob.Alternative] = []) {
        self.offset = offset
        self.text = text
        self.logprob = logprob
        self.top = top
    }
}
