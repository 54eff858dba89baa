/// `tool-call`: every tool call of an answer names a declared tool and passes it arguments its
/// schema accepts.
///
/// Errors are classified as OpenRouter classifies them: `InvalidJson` (the arguments are not a
/// JSON object), `UnknownName` (no declared tool has that name), `SchemaMismatch` (the arguments
/// break the tool's `parameters` schema, first violation named). A schema using a keyword outside
/// ``JSONSchemaValidator``'s subset makes the call unjudged (`passed: null`), never a pass. The
/// scorer applies to cases that declare tools; an answer without a call passes (whether it should
/// have called one is the reference's decision, compared across platforms).
public struct ToolCallScorer: SampleScorer {
    public static let metric = "tool-call"
    public var name: String { Self.metric }

    public init() {}

    /// What went wrong with one call.
    public enum Failure: String, Sendable {
        case invalidJSON = "InvalidJson"
        case unknownName = "UnknownName"
        case schemaMismatch = "SchemaMismatch"
    }

    /// The verdict on one call: `nil` when it is fine, else the failure and why; `unjudged` when
    /// its schema cannot be checked.
    public static func judge(_ call: ToolCall, tools: [ToolDefinition]) -> (failure: Failure?, reason: String, unjudged: Bool) {
        guard let tool = tools.first(where: { $0.name == call.name }) else {
            return (.unknownName, "no declared tool is named '\(call.name.prefix(80))'", false)
        }
        let arguments: JSONValue
        switch JSONParser.parse(call.arguments.isEmpty ? "{}" : call.arguments, maxDepth: 64) {
        case .failure(let failure): return (.invalidJSON, "\(failure)", false)
        case .success(let value): arguments = value
        }
        guard case .object = arguments else { return (.invalidJSON, "the arguments are not a JSON object", false) }
        switch JSONSchemaValidator.validate(arguments, against: tool.parameters) {
        case .valid: return (nil, "", false)
        case .invalid(let path, let reason): return (.schemaMismatch, "\(path): \(reason)", false)
        case .unsupported(let keyword): return (nil, "the schema uses \(keyword), which evalctl does not check", true)
        }
    }

    public func score(_ completion: Completion, for evalCase: EvalCase) async -> Score? {
        guard !evalCase.tools.isEmpty else { return nil }
        var entries: [String] = []
        var failed = false
        var unjudged = false
        for call in completion.toolCalls {
            let verdict = Self.judge(call, tools: evalCase.tools)
            failed = failed || verdict.failure != nil
            unjudged = unjudged || verdict.unjudged
            entries.append(
                "{\"name\":\(JSONText.quote(call.name)),\"error\":\(verdict.failure.map { JSONText.quote($0.rawValue) } ?? "null"),"
                    + "\"reason\":\(verdict.reason.isEmpty ? "null" : JSONText.quote(verdict.reason))}")
        }
        let passed: Bool? = failed ? false : (unjudged ? nil : true)
        let details = "{\"calls\":[\(entries.joined(separator: ","))],\"called\":\(!completion.toolCalls.isEmpty)}"
        return Score(scorer: Self.metric, value: failed ? 1 : 0, passed: passed, details: details)
    }
}
