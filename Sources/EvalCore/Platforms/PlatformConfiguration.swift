/// A named backend serving the model: one hardware platform of the fleet.
public struct PlatformConfiguration: Sendable, Equatable {
    /// The wire protocol a platform speaks.
    public enum WireProtocol: String, Sendable, CaseIterable {
        case openAIChat = "openai-chat"
        case openAICompletions = "openai-completions"
        case anthropic
        /// Anthropic models on Google Vertex AI: the Messages API through `…/models/{model}:rawPredict`,
        /// authorized by an OAuth access token.
        case vertexAnthropic = "vertex-anthropic"
        /// Amazon Bedrock's Converse API, authorized by a Bedrock API key.
        case bedrockConverse = "bedrock-converse"

        /// Whether the protocol reports token log-probabilities (the Messages API, on any route, and
        /// Bedrock's Converse do not).
        public var reportsLogprobs: Bool { self == .openAIChat || self == .openAICompletions }

        /// The variable the key is read from when a platform names none (Bedrock's API keys, as
        /// AWS's own tools read them).
        public var defaultKeyVariable: String? { self == .bedrockConverse ? "AWS_BEARER_TOKEN_BEDROCK" : nil }
    }

    /// How a reference platform scores other platforms' answers token by token (drift replay).
    public enum TeacherForcingSetting: String, Sendable, CaseIterable {
        /// Detect the engine and try its methods in turn (llama.cpp's native routes when its server
        /// answers `/props`, vLLM's when it answers `/version`, then completions with `echo`); a probe
        /// verifies each before a sweep relies on it, and the first verified one is used.
        case auto
        /// llama.cpp: the chat template applied by `/apply-template`, the answer forced through `/completion`.
        case llamaCpp = "llama-cpp"
        /// vLLM: the chat template applied by `/tokenize`, the answer's ids echoed through `/v1/completions`.
        case vllm
        /// `/v1/completions` with `echo` over a `role: content` transcript (evalctl's fleet).
        case completionsEcho = "completions-echo"
        /// No teacher forcing: drift is judged by the aligned and output-only methods.
        case none
    }

    /// Name used in reports and alerts, such as `gpu-h100`.
    public var name: String
    /// The protocol spoken at ``baseURL``.
    public var wireProtocol: WireProtocol
    /// Base URL, up to and including the version segment (`http://host:8080/v1`).
    public var baseURL: String
    /// The model name sent with each request.
    public var model: String
    /// Name of the environment variable holding the API key; the key itself is never in a file.
    public var apiKeyEnv: String?
    /// A command whose output is the key (Vertex AI's `gcloud auth print-access-token`), run once
    /// per sweep; its output is a secret like a key.
    public var accessTokenCommand: String?
    /// Requests in flight at once against this platform.
    public var maxConcurrency: Int
    /// Deadline of one attempt, in seconds.
    public var requestTimeout: Double
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// Response headers that name the replica or pool that served a request, first match wins.
    public var servedByHeaders: [String]
    /// Seconds a sweep may spend on this platform; requests not sent by then are recorded as timeouts.
    public var platformDeadline: Double?
    /// Consecutive failed requests that open the platform's circuit.
    public var circuitThreshold = 8
    /// Seconds the circuit stays open before a probe request.
    public var circuitCooldown = 5.0
    /// Alternatives requested per generated token (`top_logprobs`); 0 asks for no log-probabilities.
    ///
    /// Defaults to 5 on the OpenAI protocols (what drift scoring needs) and 0 on Anthropic, which has none.
    public var topLogprobs: Int
    /// Whether answers are streamed (server-sent events), as production traffic mostly is: the
    /// time to the first token and between tokens are then recorded per sample, and a stream cut
    /// before its end is an infrastructure error (`truncated`).
    public var stream = false
    /// How this platform teacher-forces answers when it is the reference (`teacher_forcing:`).
    public var teacherForcing = TeacherForcingSetting.auto

    /// Creates a platform configuration.
    public init(
        name: String, wireProtocol: WireProtocol = .openAIChat, baseURL: String, model: String,
        apiKeyEnv: String? = nil, maxConcurrency: Int = 16, requestTimeout: Double = 60, maxAttempts: Int = 3,
        servedByHeaders: [String] = PlatformConfiguration.defaultServedByHeaders
    ) {
        self.name = name
        self.wireProtocol = wireProtocol
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.maxConcurrency = maxConcurrency
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.servedByHeaders = servedByHeaders
        self.topLogprobs = wireProtocol.reportsLogprobs ? 5 : 0
    }

    /// Headers that commonly name the serving replica.
    public static let defaultServedByHeaders = ["x-served-by", "x-replica", "x-backend-server"]
}
