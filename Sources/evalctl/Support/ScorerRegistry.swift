import EvalCore
import EvalWordLists
import Foundation

/// The scorers evalctl knows by name, built once per process.
enum ScorerRegistry {
    /// Names accepted by `evalctl score --scorer`.
    static let names = ["language-mix"]

    /// The word lists, loaded on first use: from `EVALCTL_DICT_DIR` (else `/usr/share/dict`), with
    /// Hunspell expansions from `EVALCTL_HUNSPELL_DIR` (else `/usr/share/hunspell`).
    static let wordLists: (Lexicon?, WordListLoader.Report) = {
        let environment = ProcessInfo.processInfo.environment
        return WordListLoader.load(
            from: environment["EVALCTL_DICT_DIR"] ?? "/usr/share/dict", hunspellFolder: environment["EVALCTL_HUNSPELL_DIR"] ?? "/usr/share/hunspell"
        )
    }()

    /// A scorer by name.
    static func scorer(named name: String) -> (any SampleScorer)? {
        switch name {
        case "language-mix": LanguageMixScorer(lexicon: wordLists.0)
        default: nil
        }
    }

    /// Scorers the sweep applies to every completion.
    static func sweepScorers() -> [any SampleScorer] {
        names.compactMap(scorer(named:))
    }
}
