import EvalCore
import EvalFleet
import EvalLanguageID
import EvalWordLists
import Foundation

/// Throughput of the language-mix scorer core on English text, per core.
enum LanguageMixBench {
    /// English prose, about `bytes` long: the fleet's English answers, repeated.
    static func englishText(bytes: Int) -> String {
        let paragraphs = FleetCorpus.documents.filter { $0.group == "en" }.map(\.text)
        var text = ""
        var index = 0
        while text.utf8.count < bytes {
            text += paragraphs[index % paragraphs.count] + "\n\n"
            index += 1
        }
        return text
    }

    static func run(into table: inout BenchTable, lexicon: Lexicon?) {
        let detector = LanguageMixDetector(lexicon: ProcessInfo.processInfo.environment["EVALCTL_BENCH_SCRIPTS_ONLY"] == nil ? lexicon : nil)
        // Answer-sized texts, as the scorer meets them: EVALCTL_BENCH_PARAGRAPHS paragraphs each (default 1).
        let perAnswer = Int(ProcessInfo.processInfo.environment["EVALCTL_BENCH_PARAGRAPHS"] ?? "") ?? 1
        let paragraphs = englishText(bytes: 4 << 20).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let answers = stride(from: 0, to: paragraphs.count, by: perAnswer).map {
            paragraphs[$0..<min($0 + perAnswer, paragraphs.count)].joined(separator: "\n\n")
        }
        let megabytes = Double(answers.reduce(0) { $0 + $1.utf8.count }) / 1e6
        var spans = 0
        let rounds = Int(ProcessInfo.processInfo.environment["EVALCTL_BENCH_ROUNDS"] ?? "") ?? 5
        let seconds = Stopwatch.best(rounds: rounds) {
            for answer in answers { spans += detector.analyze(answer, language: "en").spans.count }
        }
        let throughput = megabytes / seconds
        table.add(
            "language-mix core, English", String(format: "%.0f MB/s", throughput), goal: "≥100 MB/s per core", met: throughput >= 100,
            note: "one thread, \(answers.count) answers, \(String(format: "%.1f", megabytes)) MB, best of 5"
        )
        let scriptsOnly = LanguageMixDetector(lexicon: nil)
        let baseline = Stopwatch.best(rounds: 5) {
            for answer in answers { spans += scriptsOnly.analyze(answer, language: "en").spans.count }
        }
        table.add(
            "language-mix core, scripts only", String(format: "%.0f MB/s", megabytes / baseline),
            note: "without word lists: \(String(format: "%.2f", seconds / baseline))× the time with them"
        )
        // The scorer as evalctl runs it: phrases judged by fastText's lid.176 and confirmed by CLD2 (the
        // word lists mark where to look; the dictionaries' expressions stay English; word frequencies
        // judge windows of words English lists too; CPython's technical words stay English).
        do {
            let identified = LanguageMixDetector(
                lexicon: lexicon, identifier: try FastTextIdentifier(path: FastTextIdentifier.defaultPath()),
                confirmer: CLD2Identifier(englishNeedsEvidence: true),
                englishExpressions: EnglishExpressions.load().collocations,
                wordFrequencies: try WordFrequencyLoader.load(from: WordFrequencyLoader.defaultFolder()),
                technicalWords: TechnicalWordsLoader.load(from: TechnicalWordsLoader.defaultFolder()).words)
            let withIdentifier = Stopwatch.best(rounds: rounds) {
                for answer in answers { spans += identified.analyze(answer, language: "en").spans.count }
            }
            let throughput = megabytes / withIdentifier
            table.add(
                "language-mix, word lists + fastText + CLD2", String(format: "%.0f MB/s", throughput), goal: "≥50 MB/s per core",
                met: throughput >= 50,
                note: "\(String(format: "%.2f", withIdentifier / seconds))× the time of the word-list scan alone, same answers"
            )
        } catch {
            table.add("language-mix, word lists + fastText + CLD2", "not run", note: "\(error)")
        }
        _ = spans
    }
}
