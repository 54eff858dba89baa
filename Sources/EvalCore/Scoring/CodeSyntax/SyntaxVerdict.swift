/// What a language's parser says about one piece of code.
public enum SyntaxVerdict: Sendable, Equatable {
    /// The code parses.
    case valid
    /// The code does not parse; the first error.
    case invalid(SyntaxError)
    /// The parser could not judge it (toolchain missing, worker died twice, deadline passed).
    case unavailable(String)
}

/// The first syntax error of a piece of code, as its parser reports it.
public struct SyntaxError: Sendable, Equatable, CustomStringConvertible {
    /// Line within the code, from 1 (nil when the parser does not say).
    public var line: Int?
    /// Column within the line, from 1 (nil when the parser does not say).
    public var column: Int?
    /// The parser's message.
    public var message: String

    /// Creates an error.
    public init(line: Int?, column: Int?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (line, column) {
        case let (line?, column?): "\(line):\(column): \(message)"
        case let (line?, nil): "\(line): \(message)"
        default: message
        }
    }
}
