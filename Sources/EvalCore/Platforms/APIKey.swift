/// An API key.
///
/// It prints as `<redacted>` so it cannot leak through logs, errors or reports.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only to build a request header.
    public let rawValue: String

    /// Wraps a secret.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
