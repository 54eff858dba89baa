import EvalCore
import EvalLanguageID
import EvalToolchains
import EvalWordLists
import Foundation

/// The scorers evalctl knows by name, built once per process.
enum ScorerRegistry {
    /// Names accepted by `evalctl score --scorer`.
    static let names = ["language-mix", "code-syntax", "tool-call"]

    /// The word lists, loaded on first use: from `EVALCTL_DICT_DIR` (else `/usr/share/dict`), with
    /// Hunspell expansions from `EVALCTL_HUNSPELL_DIR` (else `/usr/share/hunspell`).
    static let wordLists: (Lexicon?, WordListLoader.Report) = {
        let environment = ProcessInfo.processInfo.environment
        return WordListLoader.load(
            from: environment["EVALCTL_DICT_DIR"] ?? "/usr/share/dict", hunspellFolder: environment["EVALCTL_HUNSPELL_DIR"] ?? "/usr/share/hunspell"
        )
    }()

    /// The identifier that judges Latin-script phrases: fastText's lid.176 (see ``FastTextIdentifier``);
    /// `EVALCTL_LANGUAGE_ID=cld2` asks for CLD2 instead, `wordlists` for the word lists alone (the
    /// scorer before either), both kept for comparison.
    ///
    /// A missing model is said once, on standard error,
    /// and the scorer falls back to the word lists (its scores then carry that in a note).
    static let identifier: (any LanguageIdentifier)? = {
        switch ProcessInfo.processInfo.environment["EVALCTL_LANGUAGE_ID"] {
        case "wordlists": return nil
        case "cld2": return CLD2Identifier()
        default:
            do {
                return try FastTextIdentifier(path: FastTextIdentifier.defaultPath())
            } catch {
                FileHandle.standardError.write(Data("evalctl: warning: \(error); language-mix judges Latin-script phrases by word lists only\n".utf8))
                return nil
            }
        }
    }()

    /// The identifier that confirms fastText's phrases: CLD2, trained on other text (see
    /// ``IdentifiedPhrases/confirmer``); none when CLD2 is itself the identifier or the word lists judge.
    static let confirmer: (any LanguageIdentifier)? = identifier is FastTextIdentifier ? CLD2Identifier(englishNeedsEvidence: true) : nil

    /// English multi-word expressions: WordNet's, GCIDE's and FreeDict's English–German headwords.
    ///
    /// Read from `EVALCTL_WORDNET_DIR` (else `/usr/share/wordnet`) and `EVALCTL_DICTD_DIR` (else
    /// `/usr/share/dictd`); each dictionary missing is said once on standard error (loanword
    /// phrases in English only it lists are then judged as phrases). Not loaded when the word
    /// lists judge alone, which never use them.
    static let englishExpressions: EnglishExpressions.Loaded? = {
        guard identifier != nil else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let loaded = EnglishExpressions.load(
            wordNet: environment["EVALCTL_WORDNET_DIR"] ?? "/usr/share/wordnet", dictd: environment["EVALCTL_DICTD_DIR"] ?? "/usr/share/dictd")
        for (package, folder) in loaded.missing {
            FileHandle.standardError.write(
                Data("evalctl: warning: no \(package) index in \(folder) (run `make deps`): English loanword phrases it lists may be flagged\n".utf8))
        }
        return loaded
    }()

    /// Word frequencies: wordfreq's lists, which `make deps` unpacks.
    ///
    /// Read from `EVALCTL_WORDFREQ_DIR` (else `${XDG_CACHE_HOME:-~/.cache}/evalctl/wordfreq`);
    /// missing or unreadable lists are said once on standard error (phrases of words English
    /// dictionaries also list are then judged without them); `EVALCTL_WORDFREQ_DIR=off` leaves them
    /// out without a word. Not loaded when the word lists judge alone.
    static let wordFrequencies: WordFrequencies? = {
        guard identifier != nil, ProcessInfo.processInfo.environment["EVALCTL_WORDFREQ_DIR"] != "off" else { return nil }
        let folder = WordFrequencyLoader.defaultFolder()
        do {
            if let loaded = try WordFrequencyLoader.load(from: folder) { return loaded }
            FileHandle.standardError.write(
                Data(
                    "evalctl: warning: no word frequencies in \(folder) (run `make deps`): phrases of words English also lists are judged without them\n"
                        .utf8))
        } catch {
            FileHandle.standardError.write(
                Data("evalctl: warning: \(error); phrases of words English also lists are judged without word frequencies\n".utf8))
        }
        return nil
    }()

    /// Words of English technical prose: those CPython's standard library writes in its comments
    /// and strings (see ``TechnicalWordsLoader``).
    ///
    /// Read from `EVALCTL_PYTHON_STDLIB` (else the newest `/usr/lib/python3.N`); without Python
    /// source there, said once on standard error (technical words other languages also use, *git*,
    /// are then judged as theirs); `EVALCTL_PYTHON_STDLIB=off` leaves them out without a word. Not
    /// loaded when the word lists judge alone.
    static let technicalWords: TechnicalWordsLoader.Loaded? = {
        guard identifier != nil, ProcessInfo.processInfo.environment["EVALCTL_PYTHON_STDLIB"] != "off" else { return nil }
        let loaded = TechnicalWordsLoader.load(from: TechnicalWordsLoader.defaultFolder())
        if loaded.words == nil {
            FileHandle.standardError.write(
                Data(
                    "evalctl: warning: no Python source in \(loaded.folder) (install python3 or set EVALCTL_PYTHON_STDLIB): technical words such as git may be flagged\n"
                        .utf8))
        }
        return loaded
    }()

    /// The installed toolchains the code-syntax scorer parses with.
    static let toolchains = Toolchains()

    /// The syntax checkers of the installed toolchains, started on first use.
    static let syntaxCheckers: SyntaxCheckers = toolchains.checkers()

    /// The language-mix scorer with everything this process loaded.
    static func languageMixScorer() -> LanguageMixScorer {
        LanguageMixScorer(
            lexicon: wordLists.0, identifier: identifier, confirmer: confirmer, englishExpressions: englishExpressions?.collocations,
            wordFrequencies: wordFrequencies, technicalWords: technicalWords?.words)
    }

    /// A scorer by name, as `evalctl score` applies it to any answer.
    static func scorer(named name: String) -> (any SampleScorer)? {
        switch name {
        case "language-mix": languageMixScorer()
        case "code-syntax": CodeSyntaxScorer(checkers: syntaxCheckers, onlyCasesExpectingCode: false)
        case "tool-call": ToolCallScorer()
        default: nil
        }
    }

    /// Scorers the sweep applies: language-mix to every completion, code-syntax to cases with
    /// `expect.code_language`, tool-call to cases that declare tools.
    static func sweepScorers() -> [any SampleScorer] {
        [languageMixScorer(), CodeSyntaxScorer(checkers: syntaxCheckers, onlyCasesExpectingCode: true), ToolCallScorer()]
    }
}
