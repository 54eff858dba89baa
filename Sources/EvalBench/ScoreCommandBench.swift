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
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-bench-score.jsonl")
        var lines = ""
        let paragraphs = LanguageMixBench.englishText(bytes: 64 << 10).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        var index = 0
        while lines.utf8.count < 64 << 20 {
            let text = paragraphs[index % paragraphs.count]
            lines += "{\"id\":\(index),\"output\":\(JSONText.quote(text)),\"expect\":{\"language\":\"en\"},\"finish_reason\":\"stop\"}\n"
            index += 1
        }
        try lines.write(to: input, atomically: true, encoding: .utf8)
        let megabytes = Double(lines.utf8.count) / 1e6
        let seconds = try Stopwatch.best(rounds: 3) {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["score", "--scorer", "language-mix", "--input", input.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: input)
        let throughput = megabytes / seconds
        table.add(
            "evalctl score, JSON lines", String(format: "%.0f MB/s", throughput), goal: "≥20 MB/s", met: throughput >= 20,
            note: "\(index) lines, \(String(format: "%.0f", megabytes)) MB, process start and word lists included"
        )
    }
}
