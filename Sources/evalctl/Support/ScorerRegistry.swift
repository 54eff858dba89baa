import EvalCore
import EvalToolchains
import EvalWordLists
import Foundation

/// The scorers evalctl knows by name, built once per process.
enum ScorerRegistry {
    /// Names accepted by `evalctl score --scorer`.
    static let names = ["language-mix", "code-syntax"]

    /// The word lists, loaded on first use: from `EVALCTL_DICT_DIR` (else `/usr/share/dict`), with
    /// Hunspell expansions from `EVALCTL_HUNSPELL_DIR` (else `/usr/share/hunspell`).
    static let wordLists: (Lexicon?, WordListLoader.Report) = {
        let environment = ProcessInfo.processInfo.environment
        return WordListLoader.load(
            from: environment["EVALCTL_DICT_DIR"] ?? "/usr/share/dict", hunspellFolder: environment["EVALCTL_HUNSPELL_DIR"] ?? "/usr/share/hunspell"
        )
    }()

    /// The syntax checkers of the installed toolchains, started on first use.
    static let syntaxCheckers: SyntaxCheckers = Toolchains().checkers()

    /// A scorer by name, as `evalctl score` applies it to any answer.
    static func scorer(named name: String) -> (any SampleScorer)? {
        switch name {
        case "language-mix": LanguageMixScorer(lexicon: wordLists.0)
        case "code-syntax": CodeSyntaxScorer(checkers: syntaxCheckers, onlyCasesExpectingCode: false)
        default: nil
        }
    }

    /// Scorers the sweep applies: language-mix to every completion, code-syntax to cases with
    /// `expect.code_language`.
    static func sweepScorers() -> [any SampleScorer] {
        [LanguageMixScorer(lexicon: wordLists.0), CodeSyntaxScorer(checkers: syntaxCheckers, onlyCasesExpectingCode: true)]
    }
}
