/// One prompt of a suite, with what a good answer looks like.
public struct EvalCase: Sendable, Equatable {
    /// Identifier, unique within its suite.
    public var id: String
    /// What is sent to the model.
    public var prompt: Prompt
    /// Sampling parameters that replace the suite's defaults for this case.
    public var overrides: SamplingOverrides
    /// Properties the answer is scored against.
    public var expect: Expectation
    /// Tools the model may call (the suite's `tools`).
    public var tools: [ToolDefinition] = []
    /// Whether it may, must or must not call one (`nil`: the API's default).
    public var toolChoice: ToolChoice?

    /// Creates a case.
    public init(id: String, prompt: Prompt, overrides: SamplingOverrides = SamplingOverrides(), expect: Expectation = Expectation()) {
        self.id = id
        self.prompt = prompt
        self.overrides = overrides
        self.expect = expect
    }

    /// The case's sampling parameters: the suite's defaults with this case's overrides applied.
    ///
    /// - Parameter defaults: The suite's defaults.
    /// - Returns: The parameters to sample this case with.
    public func sampling(from defaults: SamplingParameters) -> SamplingParameters {
        overrides.applied(to: defaults)
    }
}
