import EvalCore
import Foundation

/// A syntax checker backed by long-lived worker processes speaking JSON lines:
/// `{"code": "…"}` in, `{"ok": true}` or `{"ok": false, "line": 3, "column": 7, "message": "…"}` out.
///
/// A worker that dies is restarted and the snippet retried once; a snippet that outlives its
/// deadline kills its worker and is `unavailable`, as is every snippet when the toolchain cannot start.
public struct WorkerSyntaxChecker: SyntaxChecker {
    public let language: CodeLanguage
    let pool: WorkerPool
    let deadline: Double

    /// Creates a checker.
    ///
    /// - Parameters:
    ///   - language: The language checked.
    ///   - executable: The worker's program (absolute path).
    ///   - arguments: Its arguments (the worker script).
    ///   - workers: How many processes run side by side.
    ///   - deadline: Seconds allowed per snippet.
    init(language: CodeLanguage, executable: String, arguments: [String], workers: Int, deadline: Double) {
        self.language = language
        self.pool = WorkerPool(size: workers) { WorkerProcess(executable: executable, arguments: arguments) }
        self.deadline = deadline
    }

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        await checkEachConcurrently(snippets, checkOne)
    }

    func checkOne(_ code: String) async -> SyntaxVerdict {
        if let reason = await pool.brokenReason { return .unavailable(reason) }
        let request = "{\"code\":\(JSONText.quote(code))}"
        let deadline = self.deadline
        let language = self.language
        let outcome: Result<String, WorkerProcess.Failure> = await pool.run { worker in
            var lastError = WorkerProcess.Failure.died
            // A worker that dies (even while starting) is restarted, and the snippet sent once more.
            for _ in 0..<2 {
                do throws(WorkerProcess.Failure) {
                    return .success(try worker.request(request, deadline: deadline))
                } catch .timedOut {
                    return .failure(.timedOut)
                } catch {
                    lastError = error
                }
            }
            return .failure(lastError)
        }
        switch outcome {
        case .success(let line):
            return Self.verdict(fromReply: line)
        case .failure(.cannotStart(let reason)):
            await pool.markBroken(reason)
            return .unavailable(reason)
        case .failure(.died):
            return .unavailable("the \(language.rawValue) worker died twice on this snippet")
        case .failure(.timedOut):
            return .unavailable("no \(language.rawValue) verdict within \(deadline)s")
        }
    }

    static func verdict(fromReply line: String) -> SyntaxVerdict {
        guard case .success(let reply) = JSONParser.parse(line), case .bool(let ok)? = reply["ok"] else {
            return .unavailable("the worker answered '\(line.prefix(120))'")
        }
        if ok { return .valid }
        return .invalid(SyntaxError(line: reply["line"]?.int, column: reply["column"]?.int, message: reply["message"]?.string ?? "syntax error"))
    }
}
