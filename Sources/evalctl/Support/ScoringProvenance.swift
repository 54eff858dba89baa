import EvalConfig
import EvalCore
import EvalLanguageID
import Foundation

/// What a run's scores depend on besides the answers — the language identifier and its model, the
/// word lists, each code parser's version, the drift calibration — stored with the run (its
/// `provenance` note), so two runs can be shown to be comparable or not.
struct ScoringProvenance: Codable, Hashable {
    struct Calibration: Codable, Hashable {
        /// The calibration file, or `built-in`.
        var source: String
        /// A fingerprint of its content (`nil` for the built-in thresholds).
        var fingerprint: String?
    }

    var languageIdentifier: String
    var wordLists: String
    var toolchains: [String: String]
    var calibration: Calibration?

    enum CodingKeys: String, CodingKey {
        case languageIdentifier = "language_identifier"
        case wordLists = "word_lists"
        case toolchains
        case calibration
    }

    /// The scoring environment of this process.
    ///
    /// - Parameters:
    ///   - textScorers: Whether language-mix and code-syntax score the run.
    ///   - calibrationPath: The drift calibration file the run is judged with, if any.
    static func current(textScorers: Bool, calibrationPath: String?) -> ScoringProvenance {
        var identifier = "none (language-mix not applied)"
        var lists = "none"
        var toolchains: [String: String] = [:]
        if textScorers {
            if let model = ScorerRegistry.identifier {
                identifier = model.name
                if model is FastTextIdentifier {
                    let path = FastTextIdentifier.defaultPath()
                    identifier += " (\((path as NSString).lastPathComponent), fingerprint \(fingerprint(ofFile: path) ?? "unreadable"))"
                }
                if let confirmer = ScorerRegistry.confirmer { identifier += ", confirmed by " + confirmer.name }
            } else {
                identifier = "word lists only"
            }
            let report = ScorerRegistry.wordLists.1
            lists = "\(report.languages.joined(separator: " ")) (fingerprint \(report.fingerprint))"
            if let loaded = ScorerRegistry.englishExpressions, let expressions = loaded.collocations {
                lists += "; English expressions (\(loaded.sources.joined(separator: " + "))): \(expressions.count)"
            } else {
                lists += "; no English expressions"
            }
            if let frequencies = ScorerRegistry.wordFrequencies {
                lists += "; word frequencies: \(frequencies.languages.count) languages, \(frequencies.count) entries"
            } else {
                lists += "; no word frequencies"
            }
            if let loaded = ScorerRegistry.technicalWords, let words = loaded.words {
                lists += "; technical words (\(loaded.folder)): \(words.count)"
            } else {
                lists += "; no technical words"
            }
            toolchains = ScorerRegistry.toolchains.versions()
        }
        var calibration: Calibration?
        if let calibrationPath {
            calibration =
                FileManager.default.fileExists(atPath: calibrationPath)
                ? Calibration(source: calibrationPath, fingerprint: fingerprint(ofFile: calibrationPath))
                : Calibration(source: "built-in", fingerprint: nil)
        }
        return ScoringProvenance(languageIdentifier: identifier, wordLists: lists, toolchains: toolchains, calibration: calibration)
    }

    static func fingerprint(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return StableHash.hex(StableHash.value(ofBytes: data))
    }

    /// The JSON stored in the run's note.
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String?) -> ScoringProvenance? {
        text.flatMap { try? JSONDecoder().decode(ScoringProvenance.self, from: Data($0.utf8)) }
    }
}
