import EvalCore
import Foundation
import Yams

/// Reads suite files: YAML documents describing a ``Suite``.
///
/// ```yaml
/// id: english-prose
/// version: 1
/// description: Short explanations in plain English.
/// defaults: {temperature: 0.7, top_p: 0.99, max_tokens: 256, samples: 2, seed: 1}
/// cases:
///   - id: hash-map
///     prompt: Explain how a hash map handles collisions.
///     expect: {language: en}
/// ```
public enum SuiteLoader {
    static let suiteKeys = ["id", "version", "description", "defaults", "filler", "tools", "tool_choice", "cases"]
    static let toolKeys = ["name", "description", "parameters"]
    static let samplingKeys = ["temperature", "top_p", "top_k", "max_tokens", "samples", "seed", "stop"]
    static let caseKeys = ["id", "prompt", "messages", "sampling", "expect", "context"]
    static let expectKeys = ["language", "code_language", "reference", "tags"]
    static let contextKeys = ["tokens", "needle", "depth"]
    static let messageKeys = ["role", "content"]

    /// Loads one suite file.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: The suite.
    /// - Throws: ``ConfigError`` naming the file, line and key at fault.
    public static func load(path: String) throws(ConfigError) -> Suite {
        let text = try ConfigText.read(path: path)
        return try parse(yaml: text, file: path)
    }

    /// Parses a suite from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: The document.
    ///   - file: The name used in error messages.
    /// The suite's `tools` (each `{name, description, parameters}`, the parameters a JSON Schema
    /// object written in YAML) and `tool_choice` (`auto`, `required`, `none` or a tool's name).
    static func tools(_ root: YAMLMapping) throws(ConfigError) -> ([ToolDefinition], ToolChoice?) {
        var tools: [ToolDefinition] = []
        for (index, node) in (try root.sequence("tools") ?? []).enumerated() {
            let tool = try YAMLMapping(node, file: root.file, path: "tools[\(index)]", allowed: toolKeys)
            let name = try tool.requiredString("name", maximumBytes: 64)
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw tool.badValue("name", expected: "letters, digits, '_' or '-' (what the APIs accept)")
            }
            guard !tools.contains(where: { $0.name == name }) else {
                throw .duplicate(tool.keyPath("name"), value: name, file: root.file, line: tool.line)
            }
            let parameters = try YAMLJSON.value(try tool.required("parameters"), keyPath: tool.keyPath("parameters"), file: root.file)
            guard case .object = parameters else { throw tool.badValue("parameters", expected: "a JSON Schema object") }
            tools.append(ToolDefinition(name: name, description: try tool.string("description", maximumBytes: 16 << 10), parameters: parameters))
        }
        guard let text = try root.string("tool_choice") else { return (tools, nil) }
        guard !tools.isEmpty, let choice = ToolChoice(text, tools: tools) else {
            throw root.badValue(
                "tool_choice", expected: tools.isEmpty ? "no tool_choice without tools" : "auto, required, none or a declared tool's name")
        }
        return (tools, choice)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> Suite {
        let root = try YAMLMapping.root(yaml: yaml, file: file, allowed: suiteKeys)
        let id = try root.requiredString("id", maximumBytes: YAMLMapping.maximumNameLength)
        guard Self.isIdentifier(id) else { throw root.badValue("id", expected: "an identifier of letters, digits, '-', '_' or '.'") }
        guard let version = try root.int("version", in: 1...1_000_000) else { throw .missingField("version", file: file, line: root.line) }
        let description = try root.string("description", maximumBytes: 64 << 10) ?? ""
        var defaults = SamplingParameters()
        if let mapping = try root.mapping("defaults", allowed: samplingKeys) {
            defaults = try sampling(mapping).applied(to: defaults)
        }
        let filler = try root.string("filler", maximumBytes: YAMLMapping.maximumTextBytes)
        guard let caseNodes = try root.sequence("cases"), !caseNodes.isEmpty else {
            throw .missingField("cases", file: file, line: root.line)
        }
        let (tools, toolChoice) = try Self.tools(root)
        var seen: Set<String> = []
        var cases: [EvalCase] = []
        for (index, node) in caseNodes.enumerated() {
            let mapping = try YAMLMapping(node, file: file, path: "cases[\(index)]", allowed: caseKeys)
            var evalCase = try parseCase(mapping, filler: filler)
            evalCase.tools = tools
            evalCase.toolChoice = toolChoice
            guard seen.insert(evalCase.id).inserted else {
                throw .duplicate(mapping.keyPath("id"), value: evalCase.id, file: file, line: mapping.line)
            }
            cases.append(evalCase)
        }
        return Suite(id: id, version: version, description: description, defaults: defaults, cases: cases)
    }

    private static func parseCase(_ mapping: YAMLMapping, filler: String?) throws(ConfigError) -> EvalCase {
        let id = try mapping.requiredString("id", maximumBytes: YAMLMapping.maximumNameLength)
        guard isIdentifier(id) else { throw mapping.badValue("id", expected: "an identifier of letters, digits, '-', '_' or '.'") }
        var prompt: Prompt
        switch (mapping.node("prompt"), mapping.node("messages")) {
        case (.some, .some):
            throw mapping.badValue("messages", expected: "either 'prompt' or 'messages', not both")
        case (.none, .none):
            throw .missingField(mapping.keyPath("prompt"), file: mapping.file, line: mapping.line)
        case (.some, .none):
            prompt = .text(try mapping.requiredString("prompt", maximumBytes: YAMLMapping.maximumTextBytes))
        case (.none, .some):
            prompt = .messages(try messages(mapping))
        }
        if let context = try mapping.mapping("context", allowed: contextKeys) {
            guard let filler, !filler.isEmpty else {
                throw mapping.badValue("context", expected: "a suite-level 'filler' text to build the context from")
            }
            guard let tokens = try context.int("tokens", in: 1...2_000_000) else {
                throw .missingField(context.keyPath("tokens"), file: mapping.file, line: context.line)
            }
            let needle = try context.string("needle")
            let depth = try context.double("depth", in: 0...1) ?? 0.5
            let haystack = LongContextBuilder(filler: filler).context(tokens: tokens, needle: needle, depth: depth, salt: id)
            prompt = prefixed(prompt, with: haystack)
        }
        var overrides = SamplingOverrides()
        if let sampling = try mapping.mapping("sampling", allowed: samplingKeys) {
            overrides = try self.sampling(sampling)
        }
        var expect = Expectation()
        if let e = try mapping.mapping("expect", allowed: expectKeys) {
            expect.language = try e.string("language")
            if let language = expect.language, !isLanguageTag(language) {
                throw e.badValue("language", expected: "a language code such as 'en' or 'pt-BR'")
            }
            expect.codeLanguage = try e.string("code_language")?.lowercased()
            expect.reference = try e.string("reference")
            expect.tags = try e.strings("tags") ?? []
        }
        return EvalCase(id: id, prompt: prompt, overrides: overrides, expect: expect)
    }

    private static func messages(_ mapping: YAMLMapping) throws(ConfigError) -> [ChatMessage] {
        guard let nodes = try mapping.sequence("messages"), !nodes.isEmpty else {
            throw mapping.badValue("messages", expected: "a non-empty list of {role, content}")
        }
        var result: [ChatMessage] = []
        for (index, node) in nodes.enumerated() {
            let message = try YAMLMapping(node, file: mapping.file, path: mapping.keyPath("messages[\(index)]"), allowed: messageKeys)
            let roleName = try message.requiredString("role")
            guard let role = ChatMessage.Role(rawValue: roleName) else {
                throw message.badValue("role", expected: "one of system, user, assistant")
            }
            result.append(ChatMessage(role: role, content: try message.requiredString("content", maximumBytes: YAMLMapping.maximumTextBytes)))
        }
        return result
    }

    private static func prefixed(_ prompt: Prompt, with context: String) -> Prompt {
        switch prompt {
        case .text(let text):
            return .text(context + "\n\n" + text)
        case .messages(var messages):
            if let last = messages.lastIndex(where: { $0.role == .user }) {
                messages[last].content = context + "\n\n" + messages[last].content
            }
            return .messages(messages)
        }
    }

    static func sampling(_ mapping: YAMLMapping) throws(ConfigError) -> SamplingOverrides {
        var overrides = SamplingOverrides()
        overrides.temperature = try mapping.double("temperature", in: 0...5)
        overrides.topP = try mapping.double("top_p", in: 0.000_001...1)
        overrides.topK = try mapping.int("top_k", in: 1...1_000_000)
        overrides.maxTokens = try mapping.int("max_tokens", in: 1...1_000_000)
        overrides.samples = try mapping.int("samples", in: 1...10_000)
        overrides.seed = try mapping.int("seed", in: 0...Int.max).map { UInt64($0) }
        // One stop sequence may be given as a string, as the OpenAI API itself accepts.
        var stop: [String]?
        if mapping.node("stop")?.scalar != nil {
            stop = [try mapping.requiredString("stop")]
        } else {
            stop = try mapping.strings("stop")
        }
        if let stop {
            // OpenAI's API takes up to 4 stop sequences; an empty one would end every answer at once.
            guard stop.count <= 4, stop.allSatisfy({ !$0.isEmpty }) else {
                throw mapping.badValue("stop", expected: "up to 4 non-empty strings")
            }
            overrides.stop = stop
        }
        return overrides
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0)
            }
    }

    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
