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
            for line in LineReader(handle: handle) {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                switch ScoreInputLine.parse(line) {
                case .failure(let problem):
                    bad += 1
                    FileHandle.standardError.write(Data("evalctl: error: \(input == "-" ? "<stdin>" : input):\(lineNumber): \(problem)\n".utf8))
                case .success(let parsed):
                    let completion = Completion(text: parsed.output, finishReason: parsed.finishReason)
                    let evalCase = EvalCase(id: "line-\(lineNumber)", prompt: .text(""), expect: parsed.expect)
                    output.write(ScoreOutputLine.render(id: parsed.idJSON, score: scorer.score(completion, for: evalCase)))
                }
            }
            output.flush()
            if bad > 0 {
                FileHandle.standardError.write(Data("evalctl: \(bad) of \(lineNumber) lines were malformed\n".utf8))
                throw ExitStatus.badInput.code
            }
        }
    }
}
