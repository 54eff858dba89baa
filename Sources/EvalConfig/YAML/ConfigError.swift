/// A problem in a suite or configuration file, located by file, line and key.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case unreadable(String)
        case encoding(String)
        case syntax(String)
        case unknownKey(String, allowed: [String])
        case missingField(String)
        case badValue(String, value: String, expected: String)
        case duplicate(String, value: String)
        case noMatch(String)
        case unknownReference(String)
        case json(String)
    }

    private let code: Code
    /// The file at fault.
    public let file: String
    /// The line at fault, from 1 (0 when the whole file is at fault).
    public let line: Int

    private init(_ code: Code, file: String, line: Int) {
        self.code = code
        self.file = file
        self.line = line
    }

    static func unreadable(file: String, reason: String) -> Self { Self(.unreadable(reason), file: file, line: 0) }
    static func encoding(file: String, line: Int, message: String) -> Self { Self(.encoding(message), file: file, line: line) }
    static func syntax(file: String, line: Int, message: String) -> Self { Self(.syntax(message), file: file, line: line) }
    static func unknownKey(_ key: String, allowed: [String], file: String, line: Int) -> Self {
        Self(.unknownKey(key, allowed: allowed), file: file, line: line)
    }
    static func missingField(_ key: String, file: String, line: Int) -> Self { Self(.missingField(key), file: file, line: line) }
    static func badValue(_ key: String, value: String, expected: String, file: String, line: Int) -> Self {
        Self(.badValue(key, value: value, expected: expected), file: file, line: line)
    }
    static func duplicate(_ key: String, value: String, file: String, line: Int) -> Self {
        Self(.duplicate(key, value: value), file: file, line: line)
    }
    static func noMatch(pattern: String, file: String, line: Int) -> Self { Self(.noMatch(pattern), file: file, line: line) }
    static func unknownReference(_ name: String, file: String, line: Int) -> Self {
        Self(.unknownReference(name), file: file, line: line)
    }

    static func json(file: String, line: Int, message: String) -> Self { Self(.json(message), file: file, line: line) }

    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        switch code {
        case .unreadable(let reason):
            return "\(location): cannot read file: \(reason)"
        case .encoding(let message):
            return "\(location): not UTF-8 text: \(message)"
        case .syntax(let message):
            return "\(location): invalid YAML: \(message)"
        case .unknownKey(let key, let allowed):
            return "\(location): unknown key '\(key)' (expected one of: \(allowed.joined(separator: ", ")))"
        case .missingField(let key):
            return "\(location): missing field '\(key)'"
        case .badValue(let key, let value, let expected):
            return "\(location): key '\(key)': expected \(expected), got '\(value)'"
        case .duplicate(let key, let value):
            return "\(location): key '\(key)': duplicate value '\(value)'"
        case .noMatch(let pattern):
            return "\(location): key 'suites': pattern '\(pattern)' matches no file"
        case .json(let message):
            return "\(location): \(message)"
        case .unknownReference(let name):
            return "\(location): key 'reference': no platform is named '\(name)'"
        }
    }
}
