import EvalCore
import Testing

/// The subset of JSON Schema tool definitions use, keyword by keyword: for each schema, instances
/// it must accept and instances it must refuse (cases written for evalctl in the JSON Schema test
/// suite's manner: one keyword at a time, edge values on both sides).
struct JSONSchemaValidatorTests {
    static func json(_ text: String) -> JSONValue {
        guard case .success(let value) = JSONParser.parse(text) else { fatalError("bad test JSON: \(text)") }
        return value
    }

    static let cases: [(schema: String, valid: [String], invalid: [String])] = [
        (#"{"type": "integer"}"#, ["1", "-7", "1.0", "0"], ["1.5", "\"1\"", "null", "true", "[]"]),
        (#"{"type": "number"}"#, ["1", "1.5", "-0.0", "1e3"], ["\"1\"", "null", "{}"]),
        (#"{"type": ["string", "null"]}"#, ["\"a\"", "null"], ["1", "false"]),
        (#"{"type": "boolean"}"#, ["true", "false"], ["0", "\"true\""]),
        (#"{"enum": ["celsius", "fahrenheit", 1]}"#, ["\"celsius\"", "1", "1.0"], ["\"kelvin\"", "\"Celsius\"", "2"]),
        (#"{"const": {"a": [1, 2]}}"#, [#"{"a": [1, 2]}"#, #"{"a": [1.0, 2]}"#], [#"{"a": [2, 1]}"#, #"{"a": [1, 2], "b": 0}"#]),
        (
            #"{"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer", "minimum": 1, "maximum": 14}}, "required": ["city"], "additionalProperties": false}"#,
            [#"{"city": "Paris"}"#, #"{"city": "Paris", "days": 1}"#, #"{"city": "Paris", "days": 14}"#],
            [
                #"{}"#, #"{"days": 3}"#, #"{"city": 3}"#, #"{"city": "Paris", "days": 0}"#, #"{"city": "Paris", "days": 15}"#,
                #"{"city": "Paris", "unit": "c"}"#,
            ]
        ),
        (#"{"additionalProperties": {"type": "number"}}"#, [#"{"a": 1, "b": 2.5}"#, "{}"], [#"{"a": "1"}"#]),
        (#"{"exclusiveMinimum": 0, "exclusiveMaximum": 1}"#, ["0.5", "\"not a number\""], ["0", "1", "-1"]),
        (#"{"minLength": 2, "maxLength": 3}"#, ["\"ab\"", "\"abc\"", "\"日本\"", "7"], ["\"a\"", "\"abcd\"", "\"日\""]),
        (
            #"{"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2, "uniqueItems": true}"#,
            [#"["a"]"#, #"["a", "b"]"#], [#"[]"#, #"["a", "b", "c"]"#, #"["a", "a"]"#, #"[1]"#]
        ),
        (#"{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 5}]}"#, ["\"x\"", "5"], ["4", "null"]),
        (#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, ["1", "2.5"], ["3", "1.5"]),
        (#"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, ["2", "3"], ["1", "2.5"]),
        (#"{"not": {"type": "null"}}"#, ["0", "\"\"", "[]"], ["null"]),
        ("true", ["1", "null", "{}"], []),
        ("false", [], ["1", "null", "{}"]),
        (#"{"description": "annotations only", "title": "t", "default": 3, "format": "email"}"#, ["\"not an email\"", "1"], []),
    ]

    @Test(arguments: cases.indices)
    func eachKeywordAcceptsAndRefusesWhatItShould(index: Int) {
        let (schemaText, valid, invalid) = Self.cases[index]
        let schema = Self.json(schemaText)
        for instance in valid {
            #expect(JSONSchemaValidator.validate(Self.json(instance), against: schema) == .valid, "\(schemaText) should accept \(instance)")
        }
        for instance in invalid {
            let result = JSONSchemaValidator.validate(Self.json(instance), against: schema)
            guard case .invalid = result else {
                Issue.record("\(schemaText) should refuse \(instance), got \(result)")
                continue
            }
        }
    }

    @Test func theFirstViolationIsNamedByItsPath() {
        let schema = Self.json(#"{"type": "object", "properties": {"stops": {"type": "array", "items": {"type": "object", "required": ["city"]}}}}"#)
        let result = JSONSchemaValidator.validate(Self.json(#"{"stops": [{"city": "Lyon"}, {"town": "Nice"}]}"#), against: schema)
        #expect(result == .invalid(path: "/stops/1", reason: "missing required property 'city'"))
    }

    @Test func aKeywordOutsideTheSubsetIsUnsupportedWhereverItIs() {
        // Even in a branch the instance never reaches: the answer must not depend on the instance.
        let schema = Self.json(#"{"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^a"}]}"#)
        #expect(JSONSchemaValidator.validate(Self.json("1"), against: schema) == .unsupported("pattern at #/anyOf/1"))
        #expect(JSONSchemaValidator.validate(Self.json("{}"), against: Self.json(##"{"$ref": "#/$defs/x"}"##)) == .unsupported("$ref at #"))
    }
}

struct ToolCallScorerTests {
    let weather = ToolDefinition(
        name: "get_weather",
        parameters: JSONSchemaValidatorTests.json(
            #"{"type": "object", "properties": {"city": {"type": "string"}, "unit": {"enum": ["c", "f"]}}, "required": ["city"]}"#))

    func score(_ calls: [ToolCall]) async -> Score? {
        var evalCase = EvalCase(id: "c", prompt: .text("q"))
        evalCase.tools = [weather]
        var completion = Completion(text: "", finishReason: "tool_calls")
        completion.toolCalls = calls
        return await ToolCallScorer().score(completion, for: evalCase)
    }

    @Test func eachErrorClassIsNamed() async {
        #expect(await score([ToolCall(name: "get_weather", arguments: #"{"city": "Paris", "unit": "c"}"#)])?.passed == true)
        for (call, error) in [
            (ToolCall(name: "get_weather", arguments: #"{"city": "Paris""#), "InvalidJson"),
            (ToolCall(name: "get_weather", arguments: #"["Paris"]"#), "InvalidJson"),
            (ToolCall(name: "get_wether", arguments: #"{"city": "Paris"}"#), "UnknownName"),
            (ToolCall(name: "get_weather", arguments: #"{"unit": "c"}"#), "SchemaMismatch"),
        ] {
            let verdict = await score([call])
            #expect(
                verdict?.passed == false && verdict?.details.contains("\"error\":\"\(error)\"") == true, "\(call): \(String(describing: verdict))")
        }
        // One bad call among good ones fails the answer.
        let mixed = await score([ToolCall(name: "get_weather", arguments: #"{"city": "Rome"}"#), ToolCall(name: "x", arguments: "{}")])
        #expect(mixed?.passed == false)
    }

    @Test func aCaseWithoutToolsIsNotJudgedAndAnAnswerWithoutACallPasses() async {
        #expect(await ToolCallScorer().score(Completion(text: "hi", finishReason: "stop"), for: EvalCase(id: "c", prompt: .text("q"))) == nil)
        let none = await score([])
        #expect(none?.passed == true && none?.details.contains("\"called\":false") == true)
    }
}
