import ArgumentParser
import EvalCore
import Foundation

extension EvalCtl {
    /// `evalctl score`: offline scoring of JSON lines.
    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score answers read as JSON lines, one verdict per line.",
            discussion: """
                Input lines: {"id": …, "output": "…", "expect": {"language": "en", "code_language": "python"}, "finish_reason": "stop"}
                For tool-call: {"id": …, "output": null, "tool_calls": [{"name": "…", "arguments": "{…}"}], "tools": [{"name": "…", "parameters": {…}}]}
                Output lines: {"id": …, "scorer": "language-mix", "passed": true|false|null, "value": …, "spans": [...]}
                A malformed line is reported on standard error with its line number; the others are still scored, and the exit code is 2.
                """
        )

        @Option(help: "Scorer: \(ScorerRegistry.names.joined(separator: ", ")).") var scorer: String
        @Option(help: "JSON-lines file, or - for standard input.") var input = "-"

        func validate() throws {
            guard ScorerRegistry.names.contains(scorer) else {
                throw ValidationError("unknown scorer '\(scorer)' (known: \(ScorerRegistry.names.joined(separator: ", ")))")
            }
        }

        func run() async throws {
            guard let scorer = ScorerRegistry.scorer(named: scorer) else { throw ExitStatus.badInput.code }
            let handle: FileHandle
            if input == "-" {
                handle = .standardInput
            } else {
                guard let file = FileHandle(forReadingAtPath: input) else {
                    throw fail(ValidationError("\(input): cannot open the input file"))
                }
                handle = file
            }
            var output = BufferedOutput()
            var bad = 0
            var lineNumber = 0
            // Lines are scored in blocks, concurrently (toolchain workers check side by side), and
            // written in input order.
            var block: [(line: Int, parsed: ScoreInputLine)] = []
            func flushBlock() async {
                let scored = await withTaskGroup(of: (Int, String).self) { group in
                    for (position, entry) in block.enumerated() {
                        group.addTask {
                            var completion = Completion(text: entry.parsed.output, finishReason: entry.parsed.finishReason)
                            completion.toolCalls = entry.parsed.toolCalls
                            var evalCase = EvalCase(id: "line-\(entry.line)", prompt: .text(""), expect: entry.parsed.expect)
                            evalCase.tools = entry.parsed.tools
                            return (position, ScoreOutputLine.render(id: entry.parsed.idJSON, score: await scorer.score(completion, for: evalCase)))
                        }
                    }
                    var lines = [String](repeating: "", count: block.count)
                    for await (position, line) in group { lines[position] = line }
                    return lines
                }
                for line in scored { output.write(line) }
                block.removeAll(keepingCapacity: true)
            }
            for line in LineReader(handle: handle) {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                switch ScoreInputLine.parse(line) {
                case .failure(let problem):
                    bad += 1
                    FileHandle.standardError.write(Data("evalctl: error: \(input == "-" ? "<stdin>" : input):\(lineNumber): \(problem)\n".utf8))
                case .success(let parsed):
                    block.append((lineNumber, parsed))
                    if block.count >= 256 { await flushBlock() }
                }
            }
            await flushBlock()
            output.flush()
            if bad > 0 {
                FileHandle.standardError.write(Data("evalctl: \(bad) of \(lineNumber) lines were malformed\n".utf8))
                throw ExitStatus.badInput.code
            }
        }
    }
}
