/// Validates a JSON value against the part of JSON Schema that tool definitions use.
///
/// Keywords checked: `type` (one or a list; `integer` is a number with no fraction), `enum`,
/// `const`, `properties`, `required`, `additionalProperties` (a boolean or a schema), `items`
/// (one schema), `minItems`, `maxItems`, `uniqueItems`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum` (numbers, as in draft 6 and later), `minLength`,
/// `maxLength` (in Unicode scalars, as the specification counts code points), `anyOf`, `oneOf`,
/// `allOf`, `not`, and the boolean schemas `true` and `false`. Annotations (`description`,
/// `title`, `default`, `examples`, `$schema`, `$id`, `$comment`, `format`, `deprecated`,
/// `readOnly`, `writeOnly`) are ignored, as the specification allows for `format`. Any other
/// keyword (`$ref`, `pattern`, `patternProperties`, `if`, …) makes the result ``Result/unsupported(_:)``:
/// a schema evalctl cannot check fully is never reported as satisfied.
public enum JSONSchemaValidator {
    /// The outcome of a validation.
    public enum Result: Sendable, Equatable {
        case valid
        /// The first violation: where in the instance (`/location/city`) and what.
        case invalid(path: String, reason: String)
        /// A keyword outside the supported subset, with where in the schema it is.
        case unsupported(String)
    }

    static let annotations: Set<String> = [
        "description", "title", "default", "examples", "$schema", "$id", "$comment", "format", "deprecated", "readOnly", "writeOnly",
    ]
    static let keywords: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "uniqueItems",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "anyOf", "oneOf", "allOf", "not",
    ]

    /// Validates `instance` against `schema`.
    public static func validate(_ instance: JSONValue, against schema: JSONValue) -> Result {
        if let keyword = unsupportedKeyword(in: schema, at: "#") { return .unsupported(keyword) }
        return check(instance, schema, path: "")
    }

    /// The first keyword outside the subset anywhere in the schema (so the answer does not depend
    /// on which branch an instance happens to reach).
    static func unsupportedKeyword(in schema: JSONValue, at location: String) -> String? {
        guard case .object(let fields) = schema else { return nil }
        for (key, value) in fields {
            if annotations.contains(key) { continue }
            guard keywords.contains(key) else { return "\(key) at \(location)" }
            switch key {
            case "properties":
                guard case .object(let properties) = value else { continue }
                for (name, sub) in properties {
                    if let found = unsupportedKeyword(in: sub, at: "\(location)/properties/\(name)") { return found }
                }
            case "additionalProperties", "items", "not":
                if let found = unsupportedKeyword(in: value, at: "\(location)/\(key)") { return found }
            case "anyOf", "oneOf", "allOf":
                for (index, sub) in (value.array ?? []).enumerated() {
                    if let found = unsupportedKeyword(in: sub, at: "\(location)/\(key)/\(index)") { return found }
                }
            default:
                continue
            }
        }
        return nil
    }

    static func check(_ instance: JSONValue, _ schema: JSONValue, path: String) -> Result {
        switch schema {
        case .bool(true): return .valid
        case .bool(false): return .invalid(path: path.isEmpty ? "/" : path, reason: "no value is allowed here")
        case .object: break
        default: return .invalid(path: path.isEmpty ? "/" : path, reason: "the schema is neither an object nor a boolean")
        }
        let at = path.isEmpty ? "/" : path
        if let type = schema["type"] {
            let allowed = type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            guard allowed.contains(where: { matches(instance, type: $0) }) else {
                return .invalid(path: at, reason: "expected \(allowed.joined(separator: " or ")), got \(typeName(of: instance))")
            }
        }
        if let options = schema["enum"]?.array, !options.contains(where: { equal($0, instance) }) {
            return .invalid(path: at, reason: "not one of the enum's \(options.count) values")
        }
        if let constant = schema["const"], !equal(constant, instance) {
            return .invalid(path: at, reason: "not the const value")
        }
        switch instance {
        case .object(let fields):
            let properties = schema["properties"]
            for required in schema["required"]?.array?.compactMap(\.string) ?? [] where !fields.contains(where: { $0.key == required }) {
                return .invalid(path: at, reason: "missing required property '\(required)'")
            }
            for (key, value) in fields {
                let child = path + "/" + key
                if let sub = properties?[key] {
                    let result = check(value, sub, path: child)
                    if result != .valid { return result }
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional { return .invalid(path: child, reason: "property '\(key)' is not allowed") }
                    let result = check(value, additional, path: child)
                    if result != .valid { return result }
                }
            }
        case .array(let items):
            if let minimum = schema["minItems"]?.int, items.count < minimum {
                return .invalid(path: at, reason: "\(items.count) items, fewer than \(minimum)")
            }
            if let maximum = schema["maxItems"]?.int, items.count > maximum {
                return .invalid(path: at, reason: "\(items.count) items, more than \(maximum)")
            }
            if case .bool(true)? = schema["uniqueItems"] {
                for (index, item) in items.enumerated() where items[..<index].contains(where: { equal($0, item) }) {
                    return .invalid(path: "\(path)/\(index)", reason: "a repeated item")
                }
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    let result = check(item, itemSchema, path: "\(path)/\(index)")
                    if result != .valid { return result }
                }
            }
        case .number:
            let value = instance.double ?? 0
            if let bound = schema["minimum"]?.double, value < bound { return .invalid(path: at, reason: "\(value) is below the minimum \(bound)") }
            if let bound = schema["maximum"]?.double, value > bound { return .invalid(path: at, reason: "\(value) is above the maximum \(bound)") }
            if let bound = schema["exclusiveMinimum"]?.double, value <= bound {
                return .invalid(path: at, reason: "\(value) is not above the exclusive minimum \(bound)")
            }
            if let bound = schema["exclusiveMaximum"]?.double, value >= bound {
                return .invalid(path: at, reason: "\(value) is not below the exclusive maximum \(bound)")
            }
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minimum = schema["minLength"]?.int, length < minimum {
                return .invalid(path: at, reason: "\(length) characters, fewer than \(minimum)")
            }
            if let maximum = schema["maxLength"]?.int, length > maximum {
                return .invalid(path: at, reason: "\(length) characters, more than \(maximum)")
            }
        default:
            break
        }
        if let all = schema["allOf"]?.array {
            for sub in all {
                let result = check(instance, sub, path: path)
                if result != .valid { return result }
            }
        }
        if let any = schema["anyOf"]?.array, !any.contains(where: { check(instance, $0, path: path) == .valid }) {
            return .invalid(path: at, reason: "matches none of anyOf's \(any.count) schemas")
        }
        if let one = schema["oneOf"]?.array {
            let matching = one.filter { check(instance, $0, path: path) == .valid }.count
            if matching != 1 { return .invalid(path: at, reason: "matches \(matching) of oneOf's \(one.count) schemas, not exactly one") }
        }
        if let not = schema["not"], check(instance, not, path: path) == .valid {
            return .invalid(path: at, reason: "matches the schema under not")
        }
        return .valid
    }

    static func matches(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): true
        case ("integer", .number): instance.double.map { $0.rounded() == $0 && $0.isFinite } ?? false
        default: false
        }
    }

    static func typeName(of instance: JSONValue) -> String {
        switch instance {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .bool: "boolean"
        case .null: "null"
        case .number: matches(instance, type: "integer") ? "integer" : "number"
        }
    }

    /// JSON equality: numbers by value (1 and 1.0 are equal), objects whatever their keys' order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number, .number): a.double == b.double
        case (.array(let x), .array(let y)): x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            x.count == y.count && x.allSatisfy { field in y.contains { $0.key == field.key && equal($0.value, field.value) } }
        default: a == b
        }
    }
}
