import Foundation
import Testing

/// `evalctl score` as a user runs it: JSON lines in, JSON lines out, errors by line number.
struct ScoreCommandTests {
    @Test func toolCallsAreJudgedAgainstTheDeclaredToolsOffline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("calls.jsonl")
        let tools = #"[{"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]"#
        try """
        {"id": 1, "output": null, "tool_calls": [{"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}], "tools": \(tools)}
        {"id": 2, "output": null, "tool_calls": [{"name": "get_weather", "arguments": "{\\"town\\": \\"Paris\\"}"}], "tools": \(tools)}
        {"id": 3, "output": null, "tool_calls": [{"name": "get_weather", "arguments": {"city": "Paris"}}], "tools": \(tools)}
        {"id": 4, "output": "Sunny.", "tools": \(tools)}
        """.write(to: input, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["score", "--scorer", "tool-call", "--input", input.path])
        #expect(output.status == 2, "one malformed line")
        #expect(output.stderr.contains("\(input.path):3: field 'tool_calls[0].arguments': expected a string"), "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.map { $0["id"] as? Int } == [1, 2, 4])
        #expect(lines.map { $0["passed"] as? Bool } == [true, false, true])
        #expect(output.stdout.contains("SchemaMismatch") && output.stdout.contains("missing required property 'city'"))
    }

    @Test func scoresEveryGoodLineAndReportsMalformedOnesByNumber() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("answers.jsonl")
        try """
        {"id": "a", "output": "The house is very big.", "expect": {"language": "en"}, "finish_reason": "stop"}
        {"id": 2, "output": "The car is reดd."}
        not json at all
        {"id": "c"}
        {"id": "d", "output": "The house, y la casa de mi madre es muy grande.", "expect": {"language": "en"}}
        {"id": "e", "output": "x", "expect": {"language": 5}}
        """.write(to: input, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["score", "--scorer", "language-mix", "--input", input.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(input.path):3: not valid JSON"))
        #expect(output.stderr.contains("\(input.path):4: missing field 'output'"))
        #expect(output.stderr.contains("\(input.path):6: field 'expect.language': expected a string"))
        let lines = output.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 3)
        #expect(lines[0]?["id"] as? String == "a" && lines[0]?["passed"] as? Bool == true && lines[0]?["scorer"] as? String == "language-mix")
        #expect(lines[1]?["id"] as? Int == 2 && lines[1]?["passed"] as? Bool == false)
        let spans = lines[1]?["spans"] as? [[String: Any]]
        #expect(spans?.first?["text"] as? String == "ด" && spans?.first?["found"] as? String == "thai" && spans?.first?["start"] as? Int == 13)
        #expect((lines[2]?["spans"] as? [[String: Any]])?.first?["found"] as? String == "es")
    }

    /// Lines are scored in blocks, each block's lines in runs side by side: the verdicts still come
    /// out in input order, one per good line, over several blocks and a partial last one.
    @Test func manyLinesComeOutInInputOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("answers.jsonl")
        var text = ""
        for index in 0..<700 {
            // Every third answer has Thai inside; line 301 is not JSON.
            let output = index % 3 == 0 ? "Answer \(index) is réaดdy." : "Answer \(index) is ready."
            text += index == 300 ? "{broken\n" : "{\"id\": \(index), \"output\": \"\(output)\"}\n"
        }
        try text.write(to: input, atomically: true, encoding: .utf8)
        let output = try EvalctlProcess.run(["score", "--scorer", "language-mix", "--input", input.path])
        #expect(output.status == 2 && output.stderr.contains("\(input.path):301: not valid JSON"), "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let expected = (0..<700).filter { $0 != 300 }
        #expect(lines.map { $0["id"] as? Int } == expected)
        #expect(lines.map { $0["passed"] as? Bool } == expected.map { $0 % 3 != 0 })
    }

    @Test func anUnknownScorerIsABadUsageError() throws {
        let output = try EvalctlProcess.run(["score", "--scorer", "nope"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("unknown scorer 'nope'"))
    }
}
