import EvalCore
import Foundation

/// Shell syntax by `bash -n` (read, parse, never execute).
///
/// Bash cannot parse a script without running it except in `-n` mode, which has no way to
/// delimit one script from the next and exits at the first error, so each snippet costs one
/// `bash -n` process (about a millisecond): the one checker without a long-lived worker.
public struct BashSyntaxChecker: SyntaxChecker {
    public let language = CodeLanguage.bash
    let bash: String
    let deadline: Double
    let gate: ProcessGate

    /// Creates a checker running `bash` with at most `processes` at a time.
    public init(bash: String, deadline: Double = 10, processes: Int = 4) {
        self.bash = bash
        self.deadline = deadline
        self.gate = ProcessGate(limit: processes)
    }

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        await checkEachConcurrently(snippets, checkOne)
    }

    func checkOne(_ code: String) async -> SyntaxVerdict {
        let run = await gate.run { ChildProcess.run(bash, ["--norc", "--noprofile", "-n"], input: Data(code.utf8), deadline: deadline) }
        switch run {
        case .failure(let problem):
            return .unavailable("bash -n: \(problem)")
        case .success(let result) where result.status == 0:
            return .valid
        case .success(let result):
            return .invalid(Self.firstError(result.standardError))
        }
    }

    /// `bash: line 3: syntax error near unexpected token `fi'` → line 3 and the message.
    static func firstError(_ text: String) -> SyntaxError {
        for line in text.split(separator: "\n") {
            guard let marker = line.range(of: "line ") else { continue }
            let digits = line[marker.upperBound...].prefix { $0.isNumber }
            guard let number = Int(digits) else { continue }
            let rest = line[marker.upperBound...].dropFirst(digits.count).drop { $0 == ":" || $0 == " " }
            return SyntaxError(line: number, column: nil, message: String(rest))
        }
        return SyntaxError(line: nil, column: nil, message: text.split(separator: "\n").first.map(String.init) ?? "syntax error")
    }
}
