import EvalCore
import EvalFleet
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
        let detector = LanguageMixDetector(lexicon: lexicon)
        // Answer-sized texts (a paragraph each, 300 to 600 bytes), as the scorer meets them.
        let answers = englishText(bytes: 4 << 20).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let megabytes = Double(answers.reduce(0) { $0 + $1.utf8.count }) / 1e6
        var spans = 0
        let seconds = Stopwatch.best(rounds: 5) {
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
        _ = spans
    }
}
