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

        /// What a task gives back for one line: its output line, or why it was rejected.
        enum ScoredLine: Sendable {
            case scored(String)
            case malformed(line: Int, problem: ProblemDescription)
        }

        /// Lines a block holds.
        static let blockLines = 256
        /// Lines a task scores one after another.
        ///
        /// For a scorer that computes in the task (language-mix), a block's lines over twice as
        /// many tasks as cores, 32 at least, so that a short line does not cost a task. A scorer
        /// that waits on toolchain workers (code-syntax) takes a task per line: a run would wait
        /// for each of its lines in turn (a `swiftc` check takes a tenth of a second or more)
        /// while the block waits for its slowest run.
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
            // Lines are parsed and scored in blocks, concurrently (toolchain workers check side by
            // side), and written in input order; a task reads and scores a run of a block's lines
            // (see linesPerTask), so that parsing runs on every core too.
            let perTask = Self.linesPerTask(for: scorer)
            let source = input == "-" ? "<stdin>" : input
            var block: [(line: Int, bytes: [UInt8])] = []
            func flushBlock() async {
                let runs = stride(from: 0, to: block.count, by: perTask).map { $0..<min($0 + perTask, block.count) }
                let scored = await withTaskGroup(of: (Int, [ScoredLine]).self) { group in
                    for (position, run) in runs.enumerated() {
                        let entries = block[run]
                        group.addTask {
                            var lines: [ScoredLine] = []
                            lines.reserveCapacity(entries.count)
                            for entry in entries {
                                switch ScoreInputLine.parse(entry.bytes[...]) {
                                case .failure(let problem):
                                    lines.append(.malformed(line: entry.line, problem: problem))
                                case .success(let parsed):
                                    var completion = Completion(text: parsed.output, finishReason: parsed.finishReason)
                                    completion.toolCalls = parsed.toolCalls
                                    var evalCase = EvalCase(id: "line-\(entry.line)", prompt: .text(""), expect: parsed.expect)
                                    evalCase.tools = parsed.tools
                                    lines.append(
                                        .scored(ScoreOutputLine.render(id: parsed.idJSON, score: await scorer.score(completion, for: evalCase))))
                                }
                            }
                            return (position, lines)
                        }
                    }
                    var lines = [[ScoredLine]](repeating: [], count: runs.count)
                    for await (position, run) in group { lines[position] = run }
                    return lines
                }
                for run in scored {
                    for line in run {
                        switch line {
                        case .scored(let text):
                            output.write(text)
                        case .malformed(let number, let problem):
                            bad += 1
                            FileHandle.standardError.write(Data("evalctl: error: \(source):\(number): \(problem)\n".utf8))
                        }
                    }
                }
                block.removeAll(keepingCapacity: true)
            }
            for line in LineReader(handle: handle) {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                block.append((lineNumber, [UInt8](line)))
                if block.count >= Self.blockLines { await flushBlock() }
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
