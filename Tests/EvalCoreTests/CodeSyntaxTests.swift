@testable import EvalCore
import Testing

/// A checker that fails code containing `BAD`, and is unavailable for code containing `???`.
struct MarkerChecker: SyntaxChecker {
    let language: CodeLanguage
    func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        snippets.map { code in
            if code.contains("???") { return .unavailable("no toolchain") }
            guard let line = code.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.contains("BAD") }) else {
                return .valid
            }
            return .invalid(SyntaxError(line: line + 1, column: 1, message: "bad token"))
        }
    }
}

struct CodeExtractorTests {
    @Test func findsTaggedBacktickAndTildeFences() {
        let text = "Intro.\n\n```python\nprint(1)\n```\n\nThen:\n~~~~ts title=\"x\"\nlet a: number = 1\n~~~~\n"
        let blocks = CodeExtractor.blocks(in: text, expected: nil)
        #expect(blocks.map(\.language) == [.python, .typescript])
        #expect(blocks[0].code == "print(1)" && blocks[0].firstLine == 4 && blocks[0].isClosed)
        #expect(blocks[1].code == "let a: number = 1" && blocks[1].tag == "ts title=\"x\"")
    }

    @Test func aLongerFenceKeepsShorterFencesInside() {
        let text = "````markdown\n```python\nx\n```\n````\n````js\nconst a = `t`;\n````"
        let blocks = CodeExtractor.blocks(in: text, expected: nil)
        // `markdown` is not a checked language; the js block is found whole.
        #expect(blocks.count == 1 && blocks[0].language == .javascript && blocks[0].code == "const a = `t`;")
    }

    @Test func untaggedFencesTakeTheExpectedLanguageElseTheContent() {
        let untagged = "```\ndef f(x):\n    return x\n```"
        #expect(CodeExtractor.blocks(in: untagged, expected: .python).first?.language == .python)
        #expect(CodeExtractor.blocks(in: untagged, expected: nil).first?.language == .python)
        let sql = "```\nSELECT name FROM users WHERE id = 1;\n```"
        #expect(CodeExtractor.blocks(in: sql, expected: nil).first?.language == .sql)
    }

    @Test func anUnclosedFenceRunsToTheEnd() {
        let blocks = CodeExtractor.blocks(in: "Sure:\n```swift\nfunc f() {\n  let x = [1,", expected: .swift)
        #expect(blocks.count == 1 && !blocks[0].isClosed && blocks[0].code == "func f() {\n  let x = [1,")
    }

    @Test func bareCodeIsCodeAndProseIsNot() {
        #expect(CodeExtractor.blocks(in: "import os\nprint(os.getcwd())\n", expected: .python).count == 1)
        #expect(CodeExtractor.blocks(in: "SELECT a FROM t", expected: .sql).count == 1)
        #expect(CodeExtractor.blocks(in: "The answer is that you should use a list comprehension.", expected: .python).isEmpty)
        #expect(CodeExtractor.blocks(in: "{\"a\": [1, 2]}", expected: nil).first?.language == .json)
        #expect(CodeExtractor.blocks(in: "Paris is the capital of France.", expected: nil).isEmpty)
    }

    @Test func otherLanguagesTagsAreNotChecked() {
        #expect(CodeExtractor.blocks(in: "```rust\nfn main() {}\n```\n```text\nhello\n```", expected: .python).isEmpty)
    }

    @Test(arguments: [
        ("def main():\n    print('hi')\n\nif __name__ == '__main__':\n    main()", CodeLanguage.python),
        ("func greet(_ name: String) -> String {\n    guard !name.isEmpty else { return \"\" }\n    return name\n}", .swift),
        ("interface User {\n  id: number;\n  name: string;\n}", .typescript),
        ("const fs = require('fs');\nmodule.exports = () => fs.readFileSync('x');", .javascript),
        ("#!/bin/bash\nset -e\nfor f in *.txt; do\n  echo \"$f\"\ndone", .bash),
        ("CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1);", .sql),
        ("name: build\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest", .yaml),
        ("[1, 2, {\"a\": null}]", .json),
    ])
    func guessesTheLanguageOfUntaggedCode(code: String, language: CodeLanguage) {
        #expect(CodeLanguageGuesser.guess(code) == language)
    }

    @Test func languageNamesAndAliases() {
        #expect(CodeLanguage(name: "py") == .python && CodeLanguage(name: "Node") == .javascript && CodeLanguage(name: "yml") == .yaml)
        #expect(CodeLanguage(name: "sqlite") == .sql && CodeLanguage(name: "sh") == .bash && CodeLanguage(name: "tsx") == .typescript)
        #expect(CodeLanguage(name: "rust") == nil)
    }
}

struct JSONSyntaxCheckerTests {
    @Test func acceptsStrictJSON() {
        #expect(JSONSyntaxChecker.verdict(#"{"a": [1, -2.5e3, true, null, "\u00e9\ud83d\ude00"], "b": {}}"#) == .valid)
        #expect(JSONSyntaxChecker.verdict("  \"just a string\"\n") == .valid)
        #expect(JSONSyntaxChecker.verdict(#""lone \ud800 surrogate""#) == .valid)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9), ("[1, 2\n", 2, 1), ("{\"a\": NaN}", 1, 7), ("// comment\n{}", 1, 1), ("{'a': 1}", 1, 2),
        ("[01]", 1, 3), ("{\"a\": 1} {}", 1, 10), ("\"tab\there\"", 1, 5), ("[1e]", 1, 4), ("", 1, 1),
    ])
    func rejectsWhatStrictParsersReject(code: String, line: Int, column: Int) {
        guard case .invalid(let error) = JSONSyntaxChecker.verdict(code) else {
            Issue.record("expected a syntax error for \(code)")
            return
        }
        #expect(error.line == line && error.column == column, "\(code): \(error)")
    }

    @Test func columnsCountCharactersNotBytes() {
        guard case .invalid(let error) = JSONSyntaxChecker.verdict("[\"é\", ก]") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.line == 1 && error.column == 7)
    }
}

struct CodeSyntaxScorerTests {
    let checkers = SyntaxCheckers(CodeLanguage.allCases.map { MarkerChecker(language: $0) })
    func expecting(_ language: String?) -> EvalCase {
        EvalCase(id: "c", prompt: .text("p"), expect: Expectation(codeLanguage: language))
    }

    @Test func passesFailsAndLocatesTheFirstError() async throws {
        let scorer = CodeSyntaxScorer(checkers: checkers)
        let good = try #require(await scorer.score(Completion(text: "```python\nok()\n```", finishReason: "stop"), for: expecting("python")))
        #expect(good.passed == true && good.value == 0 && good.details.contains("\"verdict\":\"passed\""))
        let text = "Text.\n```python\nok()\n```\nMore:\n```python\nfine()\nBAD here\n```"
        let bad = try #require(await scorer.score(Completion(text: text, finishReason: "stop"), for: expecting("python")))
        #expect(bad.passed == false && bad.value == 1)
        #expect(bad.details.contains("\"block\":2,\"line\":2,\"column\":1,\"answer_line\":8"))
    }

    @Test func anAnswerCutByTheTokenLimitIsTruncatedNotASyntaxError() async throws {
        let scorer = CodeSyntaxScorer(checkers: checkers)
        let cut = try #require(
            await scorer.score(Completion(text: "```python\nok()\nBAD unfinished", finishReason: "length"), for: expecting("python")))
        #expect(cut.passed == nil && cut.details.contains("\"verdict\":\"truncated\""))
        // An error in an earlier, complete block is a real error even when the answer was cut.
        let earlier = "```python\nBAD\n```\n```python\nok()\nstill going"
        let real = try #require(await scorer.score(Completion(text: earlier, finishReason: "length"), for: expecting("python")))
        #expect(real.passed == false && real.details.contains("\"verdict\":\"syntax-error\""))
    }

    @Test func aMissingToolchainIsUnavailableNeverAPass() async throws {
        let scorer = CodeSyntaxScorer(checkers: checkers)
        let score = try #require(await scorer.score(Completion(text: "```swift\nlet x = ???\n```", finishReason: "stop"), for: expecting("swift")))
        #expect(score.passed == nil && score.details.contains("\"verdict\":\"unavailable\"") && score.details.contains("no toolchain"))
        let none = try #require(
            await CodeSyntaxScorer(checkers: SyntaxCheckers([])).score(
                Completion(text: "```swift\nlet x = 1\n```", finishReason: "stop"), for: expecting("swift")))
        #expect(none.passed == nil && none.details.contains("no swift checker"))
    }

    @Test func theSweepScoresOnlyCasesThatExpectCode() async throws {
        let sweep = CodeSyntaxScorer(checkers: checkers, onlyCasesExpectingCode: true)
        #expect(await sweep.score(Completion(text: "```python\nBAD\n```", finishReason: "stop"), for: expecting(nil)) == nil)
        let offline = CodeSyntaxScorer(checkers: checkers, onlyCasesExpectingCode: false)
        #expect(await offline.score(Completion(text: "```python\nBAD\n```", finishReason: "stop"), for: expecting(nil))?.passed == false)
        let prose = try #require(await sweep.score(Completion(text: "I cannot write that.", finishReason: "stop"), for: expecting("python")))
        #expect(prose.passed == nil && prose.details.contains("no-code"))
    }
}
