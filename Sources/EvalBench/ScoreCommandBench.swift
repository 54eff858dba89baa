import EvalCore
import Foundation

/// `evalctl score` end to end: JSON lines in, JSON lines out, through the release binary.
enum ScoreCommandBench {
    static func run(into table: inout BenchTable) throws {
        let executable = EvalctlBinary.url
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            table.add("evalctl score, JSON lines", "not measured", goal: "≥20 MB/s", met: false, note: "build evalctl in release first")
            return
        }
        let paragraphs = LanguageMixBench.englishText(bytes: 64 << 10).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        try measure(
            "evalctl score, JSON lines", texts: paragraphs, megabytes: 64, executable: executable, into: &table,
            what: "the bench's English paragraphs")
        // Real short strings other projects wrote: the English messages of the installed catalogs.
        let messages = GettextMessages.english()
        guard messages.count >= 1_000 else {
            table.add(
                "evalctl score, short real strings", "not measured", goal: "≥20 MB/s", met: false,
                note: "\(messages.count) gettext messages under /usr/share/locale/de (run `make deps`)")
            return
        }
        let average = messages.reduce(0) { $0 + $1.utf8.count } / messages.count
        try measure(
            "evalctl score, short real strings", texts: messages, megabytes: 32, executable: executable, into: &table,
            what: "\(messages.count) gettext messages of \(average) bytes on average, repeated")
    }

    /// Times `evalctl score --scorer language-mix` on `texts` as English answers, one JSON line
    /// each, repeated to `megabytes` MB: the best of three runs.
    private static func measure(
        _ name: String, texts: [String], megabytes size: Int, executable: URL, into table: inout BenchTable, what: String
    ) throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-bench-score-\(getpid()).jsonl")
        var lines = ""
        var index = 0
        while lines.utf8.count < size << 20 {
            lines +=
                "{\"id\":\(index),\"output\":\(JSONText.quote(texts[index % texts.count])),\"expect\":{\"language\":\"en\"},\"finish_reason\":\"stop\"}\n"
            index += 1
        }
        try lines.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let megabytes = Double(lines.utf8.count) / 1e6
        let seconds = try Stopwatch.best(rounds: 3) {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["score", "--scorer", "language-mix", "--input", input.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        let throughput = megabytes / seconds
        table.add(
            name, String(format: "%.0f MB/s", throughput), goal: "≥20 MB/s", met: throughput >= 20,
            note: "\(index) lines, \(String(format: "%.0f", megabytes)) MB of \(what); process start and word lists included"
        )
    }
}
