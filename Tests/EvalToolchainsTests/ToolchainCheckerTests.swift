import EvalCore
@testable import EvalToolchains
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real toolchains on this machine (`make deps` installs them), one language at a time.
@Suite(.serialized)
struct ToolchainCheckerTests {
    static let checkers = Toolchains().checkers()

    struct Case: Sendable, CustomTestStringConvertible {
        var language: CodeLanguage
        var valid: String
        var broken: String
        var brokenLine: Int
        /// The valid code cut the way a token limit cuts it.
        var cut: String
        var testDescription: String { language.rawValue }
    }

    static let cases: [Case] = [
        Case(
            language: .python, valid: "def f(xs):\n    return [x * 2 for x in xs if x]\n", broken: "def f(xs):\n    return [x * 2 for x in xs if x\n",
            brokenLine: 2, cut: "def f(xs):\n    return [x * 2 for"),
        Case(
            language: .javascript, valid: "const f = (a) => a.map((x) => x * 2);\nmodule.exports = f;\n",
            broken: "const f = (a) => a.map((x) => x * 2;\n", brokenLine: 1, cut: "const f = (a) => a.map((x) =>"),
        Case(
            language: .typescript, valid: "export function f(a: number[]): number[] {\n  return a.map((x) => x * 2);\n}\n",
            broken: "export function f(a: number[]): number[] {\n  return a.map((x) => x * 2;\n}\n", brokenLine: 2,
            cut: "export function f(a: number[]): number[] {\n  return a.map("),
        Case(
            language: .swift, valid: "func f(_ a: [Int]) -> [Int] {\n    a.map { $0 * 2 }\n}\n",
            broken: "func f(_ a: [Int]) -> [Int] {\n    a.map { $0 * 2 \n}\n", brokenLine: 4, cut: "func f(_ a: [Int]) -> [Int] {\n    a.map { $0"),
        Case(
            language: .bash, valid: "for f in *.txt; do\n  echo \"$f\"\ndone\n", broken: "for f in *.txt; do\n  echo \"$f\"\n", brokenLine: 3,
            cut: "for f in *.txt; do\n  echo \"$f"),
        Case(language: .json, valid: "{\"a\": [1, 2]}", broken: "{\"a\": [1, 2}", brokenLine: 1, cut: "{\"a\": [1,"),
        Case(
            language: .sql, valid: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\nSELECT name FROM t WHERE id = 1;",
            broken: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\nSELECT name FROM t WHERE id = ;", brokenLine: 2,
            cut: "CREATE TABLE t (id INTEGER PRIMARY KEY, name"),
        Case(
            language: .yaml, valid: "jobs:\n  test:\n    steps: [a, b]\n", broken: "jobs:\n  test:\n    steps: [a, b\n", brokenLine: 4,
            cut: "jobs:\n  test:\n    steps: [a,"),
    ]

    @Test(arguments: cases)
    func validCodePasses(_ sample: Case) async {
        #expect(await Self.checkers.check(sample.valid, as: sample.language) == .valid)
    }

    @Test(arguments: cases)
    func brokenCodeFailsWithItsLine(_ sample: Case) async {
        guard case .invalid(let error) = await Self.checkers.check(sample.broken, as: sample.language) else {
            Issue.record("\(sample.language): expected a syntax error")
            return
        }
        #expect(error.line == sample.brokenLine, "\(sample.language): \(error)")
        #expect(!error.message.isEmpty)
    }

    @Test(arguments: cases)
    func codeCutByTheTokenLimitIsTruncated(_ sample: Case) async throws {
        let answer = Completion(text: "Here it is:\n```\(sample.language.rawValue)\n\(sample.cut)", finishReason: "length")
        let score = try #require(
            await CodeSyntaxScorer(checkers: Self.checkers).score(
                answer, for: EvalCase(id: "c", prompt: .text("p"), expect: Expectation(codeLanguage: sample.language.rawValue))))
        #expect(score.passed == nil && score.details.contains("\"verdict\":\"truncated\""), "\(sample.language): \(score.details)")
    }

    @Test func aMissingToolchainIsUnavailable() async {
        let bare = Toolchains(environment: ["PATH": "/nonexistent", "EVALCTL_TYPESCRIPT": "/nonexistent/typescript"]).checkers()
        for language in [CodeLanguage.python, .javascript, .typescript, .swift, .bash] {
            guard case .unavailable(let reason) = await bare.check("x = 1", as: language) else {
                Issue.record("\(language) should be unavailable")
                continue
            }
            #expect(reason.contains("not installed"), "\(language): \(reason)")
        }
        // Built into evalctl: never missing.
        #expect(await bare.check("{}", as: .json) == .valid)
        let wrong = Toolchains(environment: ["PATH": "/usr/bin:/bin", "EVALCTL_PYTHON": "/nonexistent/python3"]).checkers()
        guard case .unavailable(let reason) = await wrong.check("x = 1", as: .python) else {
            Issue.record("a wrong EVALCTL_PYTHON should make Python unavailable")
            return
        }
        #expect(reason.contains("EVALCTL_PYTHON=/nonexistent/python3"))
    }

    @Test func aWorkerKilledMidBatchIsRestartedAndTheBatchStillCorrect() async throws {
        let python = try #require(Toolchains().found[.python].flatMap { try? $0.get() })
        let checker = WorkerSyntaxChecker(
            language: .python, executable: python, arguments: ["-u", "-I", "-c", WorkerScripts.python], workers: 2, deadline: 10)
        let snippets = (0..<20000).map { $0.isMultiple(of: 3) ? "def f\($0)(:\n    pass" : "def f\($0)(x):\n    return x + \($0)" }
        // Both workers up before the batch, so that the kills land on running workers.
        #expect(await checker.check(["a = 1", "b = 2", "c = 3", "d = 4"]) == [.valid, .valid, .valid, .valid])
        let batch = Task { await checker.check(snippets) }
        // Kill one worker at a time, far enough apart that no snippet sees two deaths.
        var kills = 0
        for round in 0..<60 where kills < 3 {
            try await Task.sleep(for: .milliseconds(600))
            if let pid = checker.pool.all[round % 2].processIdentifier, kill(pid, SIGKILL) == 0 { kills += 1 }
        }
        let verdicts = await batch.value
        #expect(kills > 0, "the test should have killed a worker")
        for (index, verdict) in verdicts.enumerated() {
            if index.isMultiple(of: 3) {
                guard case .invalid = verdict else {
                    Issue.record("snippet \(index): expected a syntax error, got \(verdict)")
                    continue
                }
            } else {
                #expect(verdict == .valid, "snippet \(index)")
            }
        }
        #expect(checker.pool.all.map(\.starts).reduce(0, +) > 2, "killed workers are started again")
    }

    @Test func aWorkerThatMissesTheDeadlineIsKilledAndTheSnippetUnavailable() async {
        let checker = WorkerSyntaxChecker(
            language: .python, executable: "/bin/sh", arguments: ["-c", "echo '{\"ready\":true}'; read line; sleep 30"], workers: 1, deadline: 0.5
        )
        let clock = ContinuousClock()
        let start = clock.now
        let verdicts = await checker.check(["x = 1"])
        #expect(start.duration(to: clock.now) < .seconds(5))
        guard case .unavailable(let reason) = verdicts.first else {
            Issue.record("expected unavailable, got \(verdicts)")
            return
        }
        #expect(reason.contains("within 0.5s"))
    }

    @Test func aWorkerThatDiesOnEverySnippetGivesUpAfterOneRetry() async {
        let checker = WorkerSyntaxChecker(
            language: .python, executable: "/bin/sh", arguments: ["-c", "echo '{\"ready\":true}'; read line; exit 3"], workers: 1, deadline: 5
        )
        let verdicts = await checker.check(["x = 1", "y = 2"])
        #expect(verdicts.allSatisfy { if case .unavailable(let reason) = $0 { reason.contains("died twice") } else { false } })
        #expect(checker.pool.all[0].starts == 4)
    }

    @Test func swiftBatchesAcceptTopLevelCodeLikeSwiftcParseOfOneFile() async throws {
        let swiftc = try #require(Toolchains().found[.swift].flatMap { try? $0.get() })
        let checker = SwiftSyntaxChecker(swiftc: swiftc)
        let verdicts = await checker.check(["print(\"top-level code\")\nlet x = 1\n", "struct S {\n", "guard true else { fatalError() }\n"])
        #expect(verdicts[0] == .valid && verdicts[2] == .valid)
        guard case .invalid(let error) = verdicts[1] else {
            Issue.record("expected an error, got \(verdicts[1])")
            return
        }
        #expect(error.line == 2)
        // A batch whose only diagnostics are about top-level code (status 1) is all valid.
        #expect(await checker.check(["let a = 1\nprint(a)\n", "print(2)\n"]) == [.valid, .valid])
        // Single snippets from concurrent callers are coalesced into one compiler process.
        let single = await withTaskGroup(of: SyntaxVerdict.self) { group in
            for index in 0..<20 { group.addTask { await checker.check(["let v\(index) = [\(index)" + (index.isMultiple(of: 2) ? "]" : "")]).first! } }
            return await group.reduce(into: [SyntaxVerdict]()) { $0.append($1) }
        }
        #expect(single.filter { $0 == .valid }.count == 10)
    }

    @Test func sqliteSemanticErrorsPassAndStatementsSplitLikeSQLite() async {
        #expect(SQLiteSyntaxChecker.verdict("SELECT * FROM no_such_table; SELECT no_such_function(1);") == .valid)
        #expect(SQLiteSyntaxChecker.verdict("INSERT INTO t VALUES ('a;b'); -- trailing comment") == .valid)
        #expect(SQLiteSyntaxChecker.verdict("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM t; END;") == .valid)
        guard case .invalid(let error) = SQLiteSyntaxChecker.verdict("SELECT 1;\nSELECT 'unterminated;") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.line == 2 && error.message.hasPrefix("unrecognized token"))
    }
}
