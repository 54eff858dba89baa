/// A JSON value, read strictly (RFC 8259) by ``JSONParser``.
///
/// Strings are Swift strings; numbers keep their text, so ids are echoed back exactly as written
/// and no precision is lost before the caller decides what a number is.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// A field of an object (the last one, if a key repeats).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.last { $0.key == key }?.value
    }

    /// The elements of an array (nil for any other value).
    public var array: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }

    /// The text of a string (nil for any other value).
    public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// A number as a Double (nil for any other value).
    public var double: Double? {
        if case .number(let text) = self { Double(text) } else { nil }
    }

    /// A number as an Int, when it is one exactly (nil otherwise).
    public var int: Int? {
        if case .number(let text) = self { Int(text) ?? Double(text).flatMap { Int(exactly: $0) } } else { nil }
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
