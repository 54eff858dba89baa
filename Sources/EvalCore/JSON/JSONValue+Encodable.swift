extension JSONValue: Encodable {
    /// A key of an object read from JSON (encoding and decoding).
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes the value back: numbers as the numbers their text says (integers exactly), objects
    /// with their keys (the last of a repeated key wins, as ``subscript(key:)`` reads it).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let text):
            var container = encoder.singleValueContainer()
            if let integer = Int64(text) {
                try container.encode(integer)
            } else {
                try container.encode(Double(text) ?? 0)
            }
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let fields):
            var container = encoder.container(keyedBy: Key.self)
            var last: [String: JSONValue] = [:]
            for field in fields { last[field.key] = field.value }
            for field in fields {
                guard let value = last.removeValue(forKey: field.key) else { continue }
                try container.encode(value, forKey: Key(stringValue: field.key))
            }
        }
    }
}
