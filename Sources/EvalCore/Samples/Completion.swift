/// A backend's answer to one ``CompletionRequest``.
public struct Completion: Sendable, Equatable {
    /// The generated text.
    public var text: String
    /// Why generation stopped, as the backend reported it (`stop`, `length`, …).
    public var finishReason: String?
    /// The model name the backend reported.
    public var reportedModel: String?
    /// The backend's `system_fingerprint`, when it sends one.
    public var systemFingerprint: String?
    /// The replica or pool that served the request, from a response header.
    public var servedBy: String?
    /// Per-token texts and log-probabilities, when the backend reports them.
    public var tokens: [TokenLogprob]
    /// Tokens generated, as reported by the backend.
    public var completionTokens: Int?
    /// Tokens of the prompt, as reported by the backend (`usage.prompt_tokens`, `input_tokens`): the
    /// same request should count the same on every platform serving one model.
    public var promptTokens: Int?
    /// The tool calls the answer made, in order.
    public var toolCalls: [ToolCall] = []
    /// When the answer's pieces arrived, for a streamed answer.
    public var streamTiming: StreamTiming?

    /// Creates a completion.
    public init(
        text: String, finishReason: String?, reportedModel: String? = nil, systemFingerprint: String? = nil,
        servedBy: String? = nil, tokens: [TokenLogprob] = [], completionTokens: Int? = nil, streamTiming: StreamTiming? = nil,
        promptTokens: Int? = nil, toolCalls: [ToolCall] = []
    ) {
        self.text = text
        self.finishReason = finishReason
        self.reportedModel = reportedModel
        self.systemFingerprint = systemFingerprint
        self.servedBy = servedBy
        self.tokens = tokens
        self.completionTokens = completionTokens
        self.streamTiming = streamTiming
        self.promptTokens = promptTokens
        self.toolCalls = toolCalls
    }
}
