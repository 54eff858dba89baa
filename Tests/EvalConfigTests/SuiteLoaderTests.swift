import EvalConfig
import EvalCore
import Foundation
import Testing

struct SuiteLoaderTests {
    static let evalsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Evals").path

    @Test func parsesAFullSuite() throws {
        let suite = try SuiteLoader.parse(
            yaml: """
                id: demo
                version: 3
                description: A demo.
                defaults: {temperature: 0.5, top_p: 0.9, max_tokens: 50, samples: 2, seed: 7}
                cases:
                  - id: one
                    prompt: Say hi.
                    expect: {language: en, tags: [greeting]}
                  - id: two
                    messages:
                      - {role: system, content: Be brief.}
                      - {role: user, content: Write code.}
                    sampling: {temperature: 0, samples: 1}
                    expect: {code_language: Python, reference: "print('hi')"}
                """,
            file: "demo.yaml"
        )
        #expect(suite.id == "demo" && suite.version == 3)
        #expect(suite.defaults == SamplingParameters(temperature: 0.5, topP: 0.9, maxTokens: 50, samples: 2, seed: 7))
        #expect(suite.cases[0].prompt == .text("Say hi."))
        #expect(suite.cases[0].expect.tags == ["greeting"])
        #expect(suite.cases[1].prompt.chatMessages.map(\.role) == [.system, .user])
        #expect(suite.cases[1].sampling(from: suite.defaults).temperature == 0)
        #expect(suite.cases[1].sampling(from: suite.defaults).maxTokens == 50)
        #expect(suite.cases[1].expect.codeLanguage == "python")
    }

    @Test(arguments: [
        ("id: x\nversion: 1\ncases:\n  - id: a\n    prompt: p\n    colour: red\n", "bad.yaml:6: unknown key 'cases[0].colour'"),
        ("id: x\ncases:\n  - {id: a, prompt: p}\n", "bad.yaml:1: missing field 'version'"),
        ("id: x\nversion: 1\ncases:\n  - {id: a}\n", "bad.yaml:4: missing field 'cases[0].prompt'"),
        ("id: x\nversion: one\ncases:\n  - {id: a, prompt: p}\n", "bad.yaml:2: key 'version': expected an integer in 1...1000000, got 'one'"),
        (
            "id: x\nversion: 1\ndefaults: {temperature: 9}\ncases:\n  - {id: a, prompt: p}\n",
            "bad.yaml:3: key 'defaults.temperature': expected a number in 0.0...5.0, got '9'"
        ),
        ("id: x\nversion: 1\ncases:\n  - {id: a, prompt: p}\n  - {id: a, prompt: q}\n", "bad.yaml:5: key 'cases[1].id': duplicate value 'a'"),
        (
            "id: x\nversion: 1\ncases:\n  - {id: a, prompt: p, messages: []}\n",
            "bad.yaml:4: key 'cases[0].messages': expected either 'prompt' or 'messages', not both"
        ),
        (
            "id: x\nversion: 1\ncases:\n  - {id: a, prompt: p, expect: {language: english}}\n",
            "bad.yaml:4: key 'cases[0].expect.language': expected a language code such as 'en' or 'pt-BR', got 'english'"
        ),
        ("id: x\nversion: 1\ncases: [\n", "bad.yaml:4: invalid YAML"),
        ("id: x\nid: y\n", "bad.yaml:2: invalid YAML: duplicate key 'id'"),
        (
            "id: x\nversion: 1\ndefaults: {stop: [\"\"]}\ncases:\n  - {id: a, prompt: p}\n",
            "bad.yaml:3: key 'defaults.stop': expected up to 4 non-empty strings"
        ),
    ])
    func reportsMalformedSuitesWithFileLineAndKey(yaml: String, expected: String) {
        do {
            _ = try SuiteLoader.parse(yaml: yaml, file: "bad.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test func buildsLongContextPromptsToTheTokenBudget() throws {
        let suite = try SuiteLoader.parse(
            yaml: """
                id: lc
                version: 1
                filler: |
                  First paragraph of filler text, long enough to count.
                  Second paragraph of filler text, also long enough.
                cases:
                  - {id: a, prompt: "Question?", context: {tokens: 2000, needle: "The code is 42.", depth: 0.5}}
                """,
            file: "lc.yaml"
        )
        guard case .text(let text) = suite.cases[0].prompt else {
            Issue.record("expected a text prompt")
            return
        }
        #expect(text.count >= 8000 && text.count < 8200)
        #expect(text.hasSuffix("\n\nQuestion?"))
        #expect(text.contains("The code is 42."))
    }

    @Test func stopSequencesComeFromDefaultsOrACase() throws {
        let suite = try SuiteLoader.parse(
            yaml:
                "id: x\nversion: 1\ndefaults: {stop: [\"\\n\\n\", END]}\ncases:\n  - {id: a, prompt: p}\n  - {id: b, prompt: q, sampling: {stop: \"###\"}}\n",
            file: "stop.yaml"
        )
        #expect(suite.cases[0].sampling(from: suite.defaults).stop == ["\n\n", "END"])
        #expect(suite.cases[1].sampling(from: suite.defaults).stop == ["###"])
    }

    @Test func theToolSuiteDeclaresSchemasEveryCaseCarries() throws {
        let suites = try SuiteCatalog.load(patterns: [Self.evalsFolder + "/tools/*.yaml"], configFile: "test")
        let tools = try #require(suites.first { $0.id == "tool-calls" })
        #expect(tools.cases.count == 20 && tools.cases.allSatisfy { $0.tools.count == 3 && $0.toolChoice == .auto })
        let weather = try #require(tools.cases[0].tools.first { $0.name == "get_weather" })
        // YAML read as JSON: strings, lists, booleans and numbers keep their types.
        #expect(weather.parameters["additionalProperties"] == .bool(false))
        #expect(weather.parameters["required"] == .array([.string("city")]))
        let event = try #require(tools.cases[0].tools.first { $0.name == "create_event" })
        #expect(event.parameters["properties"]?["duration_minutes"]?["maximum"] == .number("1440"))
    }

    @Test(arguments: [
        (
            "id: x\nversion: 1\ntools:\n  - {name: f, parameters: 3}\ncases:\n  - {id: a, prompt: p}\n",
            "bad.yaml:4: key 'tools[0].parameters': expected a JSON Schema object"
        ),
        (
            "id: x\nversion: 1\ntools:\n  - {name: 'f g', parameters: {}}\ncases:\n  - {id: a, prompt: p}\n",
            "bad.yaml:4: key 'tools[0].name': expected letters, digits, '_' or '-'"
        ),
        (
            "id: x\nversion: 1\ntool_choice: g\ntools:\n  - {name: f, parameters: {}}\ncases:\n  - {id: a, prompt: p}\n",
            "bad.yaml:3: key 'tool_choice': expected auto, required, none or a declared tool's name, got 'g'"
        ),
        (
            "id: x\nversion: 1\ntool_choice: auto\ncases:\n  - {id: a, prompt: p}\n",
            "bad.yaml:3: key 'tool_choice': expected no tool_choice without tools"
        ),
    ])
    func reportsMalformedToolsWithFileLineAndKey(yaml: String, expected: String) {
        do {
            _ = try SuiteLoader.parse(yaml: yaml, file: "bad.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test func theEngineSuiteIsShortAndOutsideTheDefaultGlob() throws {
        let suites = try SuiteCatalog.load(patterns: [Self.evalsFolder + "/engine/*.yaml"], configFile: "test")
        let short = try #require(suites.first { $0.id == "engine-short" })
        #expect(short.cases.count == 20)
        #expect(short.cases.allSatisfy { $0.sampling(from: short.defaults).maxTokens <= 48 && $0.sampling(from: short.defaults).samples == 3 })
        #expect(short.cases.filter { $0.sampling(from: short.defaults).temperature == 0 }.count == 6)
    }

    @Test func shippedSuitesLoadWithTwentyCasesOrMore() throws {
        let suites = try SuiteCatalog.load(patterns: [Self.evalsFolder + "/*.yaml"], configFile: "test")
        #expect(Set(suites.map(\.id)) == ["code", "determinism", "english-prose", "long-context", "multilingual"])
        for suite in suites {
            #expect(suite.cases.count >= 20, "\(suite.id) has \(suite.cases.count) cases")
        }
        let languages = Set(suites.flatMap { $0.cases.compactMap(\.expect.language) })
        #expect(languages.isSuperset(of: ["en", "ja", "zh", "th", "ru", "es", "de"]))
        let code = Set(suites.flatMap { $0.cases.compactMap(\.expect.codeLanguage) })
        #expect(code.isSuperset(of: ["python", "javascript", "swift", "bash", "json", "sql"]))
        let determinism = try #require(suites.first { $0.id == "determinism" })
        #expect(determinism.cases.allSatisfy { $0.sampling(from: determinism.defaults).temperature == 0 })
        let longContext = try #require(suites.first { $0.id == "long-context" })
        let longest = longContext.cases.map { $0.prompt.flattened.count }.max() ?? 0
        #expect(longest >= 30_000 * 4, "the longest prompt should reach about 32k tokens")
    }
}
