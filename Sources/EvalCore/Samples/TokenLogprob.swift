/// One generated token with its log-probability and the most likely alternatives.
public struct TokenLogprob: Sendable, Equatable {
    /// The token's text.
    public var token: String
    /// Natural log-probability of the token under the serving model.
    public var logprob: Double
    /// The most likely tokens at this position, most likely first.
    public var top: [Alternative]

    /// A candidate token at a position.
    public struct Alternative: Sendable, Equatable {
        public var token: String
        public var logprob: Double
        public init(token: String, logprob: Double) {
            self.token = token
            self.logprob = logprob
        }
    }

    /// Creates a token record.
    public init(token: String, logprob: Double, top: [Alternative] = []) {
        self.token = token
        self.logprob = logprob
        self.top = top
    }
}
