/// A failure to obtain a completion: an infrastructure problem, never a quality signal.
public struct InfraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, stored with the sample.
    public enum Kind: String, Sendable, CaseIterable {
        /// The request outlived its deadline.
        case timeout
        /// No connection could be made, or it was cut.
        case connect
        /// The backend refused the request (a configuration problem: bad model, bad key).
        case http4xx = "http-4xx"
        /// The backend asked us to slow down.
        case http429 = "http-429"
        /// The backend failed.
        case http5xx = "http-5xx"
        /// The backend answered with a redirect (3xx). evalctl sends each request to the configured
        /// URL and follows no redirect: a POST replayed elsewhere is not the request that was planned.
        case redirect
        /// The backend answered 2xx without an answer (`content: null`, no content blocks).
        case noContent = "no-content"
        /// The body was not the protocol's JSON.
        case malformedBody = "malformed-body"
        /// The body ended early.
        case truncated
        /// The platform's circuit breaker is open: the request was not sent.
        case circuitOpen = "circuit-open"
    }

    /// The kind of failure.
    public var kind: Kind
    /// A short explanation, free of secrets.
    public var message: String
    /// The HTTP status, when there was one.
    public var status: Int?
    /// Seconds the backend asked us to wait (`Retry-After`).
    public var retryAfter: Double?

    /// Creates an infrastructure error.
    public init(_ kind: Kind, _ message: String, status: Int? = nil, retryAfter: Double? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
    }

    /// Whether retrying the same request may succeed.
    public var isRetryable: Bool {
        switch kind {
        case .timeout, .connect, .http429, .http5xx, .malformedBody, .truncated, .noContent: true
        case .http4xx, .redirect, .circuitOpen: false
        }
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
