extension JSONValue: Decodable {
    /// Reads any JSON value through `Decodable` (an Anthropic `tool_use` block's `input`): numbers
    /// keep an integer's digits, objects take the decoder's key order.
    public init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: Key.self) {
            var fields: [(key: String, value: JSONValue)] = []
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                fields.append((key.stringValue, try object.decode(JSONValue.self, forKey: key)))
            }
            self = .object(fields)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? single.decode(Int64.self) {
            self = .number(String(integer))
        } else if let number = try? single.decode(Double.self) {
            self = .number(String(number))
        } else {
            self = .string(try single.decode(String.self))
        }
    }
}

extension JSONValue {
    /// The value as compact JSON text (numbers as written, keys in order).
    public var jsonText: String {
        switch self {
        case .string(let text): JSONText.quote(text)
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let fields): "{" + fields.map { JSONText.quote($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }
}
