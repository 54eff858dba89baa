import EvalCore
import Foundation

/// One input line of `evalctl score`.
struct ScoreInputLine {
    /// The `id` as JSON text, echoed back unchanged (`null` when absent).
    var idJSON: String
    var output: String
    var expect: Expectation
    var finishReason: String?
    /// `tool_calls`: `[{"name": …, "arguments": "<JSON text>"}]`.
    var toolCalls: [ToolCall] = []
    /// `tools`: `[{"name": …, "parameters": {schema}}]`.
    var tools: [ToolDefinition] = []

    /// Parses a line, or says what is wrong with it.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<ScoreInputLine, ProblemDescription> {
        let object: JSONValue
        switch JSONParser.parse(bytes, maxDepth: 64) {
        case .failure(let failure): return .failure(ProblemDescription("not valid JSON (\(failure))"))
        case .success(let value): object = value
        }
        guard case .object = object else { return .failure(ProblemDescription("expected a JSON object")) }
        var toolCalls: [ToolCall] = []
        switch object["tool_calls"] {
        case nil, .null?: break
        case .array(let calls)?:
            for (index, call) in calls.enumerated() {
                guard case .string(let name)? = call["name"] else {
                    return .failure(ProblemDescription("field 'tool_calls[\(index)].name': expected a string"))
                }
                guard case .string(let arguments)? = call["arguments"] else {
                    return .failure(ProblemDescription("field 'tool_calls[\(index)].arguments': expected a string (JSON text, as OpenAI returns it)"))
                }
                toolCalls.append(ToolCall(name: name, arguments: arguments))
            }
        default: return .failure(ProblemDescription("field 'tool_calls': expected an array"))
        }
        var tools: [ToolDefinition] = []
        switch object["tools"] {
        case nil, .null?: break
        case .array(let declared)?:
            for (index, tool) in declared.enumerated() {
                guard case .string(let name)? = tool["name"] else {
                    return .failure(ProblemDescription("field 'tools[\(index)].name': expected a string"))
                }
                guard let parameters = tool["parameters"], { if case .object = parameters { true } else { false } }() else {
                    return .failure(ProblemDescription("field 'tools[\(index)].parameters': expected a JSON Schema object"))
                }
                tools.append(ToolDefinition(name: name, parameters: parameters))
            }
        default: return .failure(ProblemDescription("field 'tools': expected an array"))
        }
        // An answer that only calls tools has no text (OpenAI's `content: null`).
        let output: String
        switch object["output"] {
        case .string(let text)?: output = text
        case nil where !toolCalls.isEmpty, .null? where !toolCalls.isEmpty: output = ""
        case nil: return .failure(ProblemDescription("missing field 'output'"))
        default: return .failure(ProblemDescription("field 'output': expected a string"))
        }
        var expect = Expectation()
        switch object["expect"] {
        case nil, .null?:
            break
        case let e? where { if case .object = e { true } else { false } }():
            switch e["language"] {
            case nil, .null?: break
            case .string(let language)?: expect.language = language
            default: return .failure(ProblemDescription("field 'expect.language': expected a string"))
            }
            switch e["code_language"] {
            case nil, .null?: break
            case .string(let code)?: expect.codeLanguage = code.lowercased()
            default: return .failure(ProblemDescription("field 'expect.code_language': expected a string"))
            }
        default:
            return .failure(ProblemDescription("field 'expect': expected an object"))
        }
        var finishReason: String?
        switch object["finish_reason"] {
        case nil, .null?: break
        case .string(let reason)?: finishReason = reason
        default: return .failure(ProblemDescription("field 'finish_reason': expected a string"))
        }
        let idJSON: String
        switch object["id"] {
        case .string(let id)?: idJSON = JSONText.quote(id)
        case .number(let id)?: idJSON = id
        case nil, .null?: idJSON = "null"
        default: return .failure(ProblemDescription("field 'id': expected a string or a number"))
        }
        return .success(
            ScoreInputLine(idJSON: idJSON, output: output, expect: expect, finishReason: finishReason, toolCalls: toolCalls, tools: tools))
    }
}

/// Why a line was rejected.
struct ProblemDescription: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One output line of `evalctl score`.
enum ScoreOutputLine {
    static func render(id: String, score: EvalCore.Score?) -> String {
        guard let score else { return "{\"id\":\(id),\"scorer\":null,\"passed\":null,\"value\":null}\n" }
        // One string, sized once: the common fields, then the details object's fields.
        var line = "{\"id\":"
        line.reserveCapacity(64 + id.utf8.count + score.scorer.utf8.count + score.details.utf8.count)
        line += id
        line += ",\"scorer\":"
        line += JSONText.quote(score.scorer)
        line += ",\"passed\":"
        line += score.passed.map { $0 ? "true" : "false" } ?? "null"
        line += ",\"value\":"
        line += score.value.description
        let details = score.details.hasPrefix("{") ? score.details.dropFirst() : score.details[...]
        if details == "}" || details.isEmpty {
            line += "}"
        } else {
            line += ","
            line += details
        }
        line += "\n"
        return line
    }
}

/// Reads a file handle as lines of bytes, in large blocks.
struct LineReader: Sequence, IteratorProtocol {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let line = buffer[position..<newline]
                position = newline + 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                position = buffer.count
                return line
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true }
            buffer.removeFirst(position)
            position = 0
            buffer.append(contentsOf: chunk)
        }
    }
}

/// Standard output in large writes.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
