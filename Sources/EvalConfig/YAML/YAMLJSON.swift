import EvalCore
import Yams

/// A YAML value as JSON (a tool's JSON Schema written in a suite): mappings with string keys,
/// sequences, and scalars by their resolved tag (`1` a number, `true` a boolean, `null`, quoted
/// or plain text a string).
enum YAMLJSON {
    static func value(_ node: Node, keyPath: String, file: String) throws(ConfigError) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var fields: [(key: String, value: JSONValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw .badValue(keyPath, value: YAMLMapping.preview(key), expected: "a mapping with string keys", file: file, line: key.line)
                }
                fields.append((scalar.string, try Self.value(value, keyPath: "\(keyPath).\(scalar.string)", file: file)))
            }
            return .object(fields)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() { items.append(try value(item, keyPath: "\(keyPath)[\(index)]", file: file)) }
            return .array(items)
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue:
                guard let flag = Bool.construct(from: scalar) else { break }
                return .bool(flag)
            case Tag.Name.int.rawValue:
                guard let number = Int.construct(from: scalar) else { break }
                return .number(String(number))
            case Tag.Name.float.rawValue:
                guard let number = Double.construct(from: scalar), number.isFinite else { break }
                return .number(String(number))
            default:
                return .string(scalar.string)
            }
            throw .badValue(keyPath, value: YAMLMapping.preview(node), expected: "a JSON value", file: file, line: node.line)
        case .alias:
            throw .badValue(keyPath, value: YAMLMapping.preview(node), expected: "no alias", file: file, line: node.line)
        }
    }
}
