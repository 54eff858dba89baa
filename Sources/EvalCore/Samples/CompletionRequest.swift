/// One request to a model backend: a prompt and how to sample it.
public struct CompletionRequest: Sendable, Equatable {
    /// The model name the platform serves.
    public var model: String
    /// The prompt.
    public var prompt: Prompt
    /// Sampling parameters (``SamplingParameters/samples`` is ignored: one request, one completion).
    public var sampling: SamplingParameters
    /// The seed of this completion.
    public var seed: UInt64
    /// How many alternatives to report per generated token (0: none).
    public var topLogprobs: Int
    /// A key a router may use to pin this request to a replica; sent so sticky routing is exercised.
    public var routingKey: String?
    /// Tools the model may call, sent in each protocol's form.
    public var tools: [ToolDefinition] = []
    /// Whether it may, must or must not call one.
    public var toolChoice: ToolChoice?

    /// Creates a request.
    public init(model: String, prompt: Prompt, sampling: SamplingParameters, seed: UInt64, topLogprobs: Int = 0, routingKey: String? = nil) {
        self.model = model
        self.prompt = prompt
        self.sampling = sampling
        self.seed = seed
        self.topLogprobs = topLogprobs
        self.routingKey = routingKey
    }

    /// The request a sweep sends for one work item to a platform: the item's prompt, sampling,
    /// seed, routing key and tools, with the platform's model and log-probability count.
    public init(_ item: WorkItem, on platform: PlatformConfiguration) {
        self.init(
            model: platform.model, prompt: item.evalCase.prompt, sampling: item.sampling, seed: item.seed, topLogprobs: platform.topLogprobs,
            routingKey: item.routingKey)
        tools = item.evalCase.tools
        toolChoice = item.evalCase.toolChoice
    }
}
