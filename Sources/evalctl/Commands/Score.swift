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

        /// Lines a block holds.
        static let blockLines = 256
        /// Lines a task scores one after another.
        ///
        /// For a scorer that computes in the task (language-mix), a block's lines over twice as
        /// many tasks as cores, 32 at least, so that a short line does not cost a task. A scorer that waits on toolchain workers
        /// (code-syntax) takes a task per line: a run would wait for each of its lines in turn
        /// (a `swiftc` check takes a tenth of a second or more) while the block waits for its
        /// slowest run.
        static func linesPerTask(for scorer: any SampleScorer) -> Int {
            scorer is LanguageMixScorer ? max(1, blockLines / max(32, 2 * ProcessInfo.processInfo.activeProcessorCount)) : 1
        }

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
            // written in input order; a task scores a run of a block's lines (see linesPerTask).
            let perTask = Self.linesPerTask(for: scorer)
            var block: [(line: Int, parsed: ScoreInputLine)] = []
            func flushBlock() async {
                let runs = stride(from: 0, to: block.count, by: perTask).map { $0..<min($0 + perTask, block.count) }
                let scored = await withTaskGroup(of: (Int, [String]).self) { group in
                    for (position, run) in runs.enumerated() {
                        let entries = block[run]
                        group.addTask {
                            var lines: [String] = []
                            lines.reserveCapacity(entries.count)
                            for entry in entries {
                                var completion = Completion(text: entry.parsed.output, finishReason: entry.parsed.finishReason)
                                completion.toolCalls = entry.parsed.toolCalls
                                var evalCase = EvalCase(id: "line-\(entry.line)", prompt: .text(""), expect: entry.parsed.expect)
                                evalCase.tools = entry.parsed.tools
                                lines.append(ScoreOutputLine.render(id: entry.parsed.idJSON, score: await scorer.score(completion, for: evalCase)))
                            }
                            return (position, lines)
                        }
                    }
                    var lines = [[String]](repeating: [], count: runs.count)
                    for await (position, run) in group { lines[position] = run }
                    return lines
                }
                for run in scored {
                    for line in run { output.write(line) }
                }
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
                    if block.count >= Self.blockLines { await flushBlock() }
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
