import Yams

/// A YAML mapping read strictly: every key must be known, every value well typed, and every
/// error names the file, line and dotted key path.
struct YAMLMapping {
    let node: Node
    let mapping: Node.Mapping
    let file: String
    /// Dotted path of this mapping, such as `platforms[2]`; empty at the root.
    let path: String

    init(_ node: Node, file: String, path: String, allowed: [String]) throws(ConfigError) {
        guard let mapping = node.mapping else {
            throw .badValue(path.isEmpty ? "(document)" : path, value: Self.preview(node), expected: "a mapping", file: file, line: node.line)
        }
        self.node = node
        self.mapping = mapping
        self.file = file
        self.path = path
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                throw .unknownKey(keyPath(name), allowed: allowed, file: file, line: key.line)
            }
        }
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    var line: Int { node.line }

    func node(_ key: String) -> Node? {
        guard let value = mapping[key] else { return nil }
        if case .scalar = value, value.tag.rawValue == Tag.Name.null.rawValue { return nil }
        return value
    }

    func required(_ key: String) throws(ConfigError) -> Node {
        guard let value = node(key) else { throw .missingField(keyPath(key), file: file, line: line) }
        return value
    }

    /// The longest name or identifier accepted (platforms, suites, cases): a longer one is a mistake.
    static let maximumNameLength = 128
    /// The longest string accepted for any other key, unless the key allows more.
    static let maximumStringBytes = 4096
    /// The longest prompt, message or filler text (about a million tokens).
    static let maximumTextBytes = 4 << 20

    /// A string value: a quoted or plain scalar that YAML reads as a string (`12345`, `true` and
    /// `1.5` are numbers and booleans, and need quotes to be strings).
    func string(_ key: String, maximumBytes: Int = maximumStringBytes) throws(ConfigError) -> String? {
        guard let value = node(key) else { return nil }
        return try Self.string(value, keyPath: keyPath(key), file: file, maximumBytes: maximumBytes)
    }

    static func string(_ value: Node, keyPath: String, file: String, maximumBytes: Int) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = value else {
            throw .badValue(keyPath, value: preview(value), expected: "a string", file: file, line: value.line)
        }
        // Node's tag is the resolved one (`!!int` for a plain 12345, `!!str` for '12345').
        let tag = value.tag.rawValue
        guard tag == Tag.Name.str.rawValue else {
            let type =
                tag == Tag.Name.int.rawValue
                ? "an integer" : tag == Tag.Name.float.rawValue ? "a number" : tag == Tag.Name.bool.rawValue ? "a boolean" : "a \(tag)"
            throw .badValue(
                keyPath, value: preview(value), expected: "a string, not \(type) (quote it to make it a string)", file: file, line: value.line)
        }
        guard scalar.string.utf8.count <= maximumBytes else {
            throw .badValue(
                keyPath, value: "\(scalar.string.utf8.count) bytes", expected: "at most \(maximumBytes) bytes", file: file, line: value.line
            )
        }
        return scalar.string
    }

    func requiredString(_ key: String, maximumBytes: Int = maximumStringBytes) throws(ConfigError) -> String {
        guard let value = try string(key, maximumBytes: maximumBytes) else { throw .missingField(keyPath(key), file: file, line: line) }
        guard !value.isEmpty else {
            throw .badValue(keyPath(key), value: value, expected: "a non-empty string", file: file, line: mapping[key]?.line ?? line)
        }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = node(key) else { return nil }
        guard let number = value.scalar.flatMap({ Int($0.string) }), range.contains(number) else {
            throw .badValue(
                keyPath(key), value: Self.preview(value), expected: "an integer in \(range.lowerBound)...\(range.upperBound)", file: file,
                line: value.line)
        }
        return number
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = node(key) else { return nil }
        switch value.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw .badValue(keyPath(key), value: Self.preview(value), expected: "true or false", file: file, line: value.line)
        }
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let value = node(key) else { return nil }
        guard let number = value.scalar.flatMap({ Double($0.string) }), number.isFinite, range.contains(number) else {
            throw .badValue(
                keyPath(key), value: Self.preview(value), expected: "a number in \(range.lowerBound)...\(range.upperBound)", file: file,
                line: value.line)
        }
        return number
    }

    /// A list of strings.
    ///
    /// A single string is refused, not read as a list of one: `suites: a.yaml`
    /// is usually a list someone forgot to bracket, and silently accepting it hides the next mistake.
    func strings(_ key: String, maximumBytes: Int = maximumStringBytes) throws(ConfigError) -> [String]? {
        guard let value = node(key) else { return nil }
        guard let sequence = value.sequence else {
            let hint = value.scalar != nil ? "a list of strings, such as [\(Self.preview(value))]" : "a list of strings"
            throw .badValue(keyPath(key), value: Self.preview(value), expected: hint, file: file, line: value.line)
        }
        var result: [String] = []
        for (index, element) in sequence.enumerated() {
            result.append(try Self.string(element, keyPath: "\(keyPath(key))[\(index)]", file: file, maximumBytes: maximumBytes))
        }
        return result
    }

    func sequence(_ key: String) throws(ConfigError) -> [Node]? {
        guard let value = node(key) else { return nil }
        guard let sequence = value.sequence else {
            throw .badValue(keyPath(key), value: Self.preview(value), expected: "a list", file: file, line: value.line)
        }
        return Array(sequence)
    }

    func mapping(_ key: String, allowed: [String]) throws(ConfigError) -> YAMLMapping? {
        guard let value = node(key) else { return nil }
        return try YAMLMapping(value, file: file, path: keyPath(key), allowed: allowed)
    }

    func badValue(_ key: String, expected: String) -> ConfigError {
        let value = mapping[key]
        return .badValue(keyPath(key), value: value.map(Self.preview) ?? "", expected: expected, file: file, line: value?.line ?? line)
    }

    static func preview(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.count > 60 ? String(scalar.string.prefix(57)) + "..." : scalar.string
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

extension Node {
    /// The 1-based line where the node starts (0 when unknown).
    var line: Int { mark?.line ?? 0 }
}

extension YAMLMapping {
    /// Parses a YAML document, turning Yams' errors into ``ConfigError``s with the line.
    static func root(yaml: String, file: String, allowed: [String]) throws(ConfigError) -> YAMLMapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file, yaml: yaml)
        } catch {
            throw .syntax(file: file, line: 0, message: "\(error)")
        }
        guard let node else { throw .syntax(file: file, line: 0, message: "the file is empty") }
        return try YAMLMapping(node, file: file, path: "", allowed: allowed)
    }

    /// The line of a key's second appearance at or after a mapping's first line: Yams reports
    /// duplicates at the mapping, and users need the line of the duplicate itself.
    private static func secondOccurrence(of key: String, in yaml: String, after firstLine: Int) -> Int? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= firstLine {
            var text = line.drop { $0 == " " }
            if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
            if text.hasPrefix(key + ":") || text.hasPrefix("\"\(key)\":") || text.hasPrefix("'\(key)':") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }

    private static func syntaxError(_ error: YamlError, file: String, yaml: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            return .syntax(file: file, line: mark.line, message: detail)
        case .composer(let context, let problem, let mark, _):
            return .syntax(file: file, line: mark.line, message: [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let line = duplicates.first.flatMap { secondOccurrence(of: $0, in: yaml, after: context.mark.line) } ?? context.mark.line
            return .syntax(file: file, line: line, message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return .syntax(file: file, line: 0, message: "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable")
        }
    }
}
