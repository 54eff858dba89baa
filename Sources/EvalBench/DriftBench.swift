import EvalCore
import Foundation

/// Reference replay's cost: the shipped suites swept against the embedded fleet by the release
/// `evalctl`, with and without drift scoring, alternated so both see the same machine load.
enum DriftBench {
    static func run(into table: inout BenchTable) throws {
        let executable = EvalctlBinary.path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            table.add("reference replay cost", "not measured", note: "\(executable) is missing: build the evalctl product in release first")
            return
        }
        var plain: [Double] = []
        var replayed: [Double] = []
        for round in 0..<3 {
            for drift in [false, true] {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-bench-drift-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: folder) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments =
                    ["sweep", "--store", folder.appendingPathComponent("b.sqlite").path, "--quiet", "--seed", "\(round + 1)"]
                    + (drift ? [] : ["--no-drift"])
                process.standardOutput = FileHandle.nullDevice
                let started = ContinuousClock.now
                try process.run()
                process.waitUntilExit()
                let seconds = (ContinuousClock.now - started).seconds
                if drift { replayed.append(seconds) } else { plain.append(seconds) }
            }
        }
        let ratio = (replayed.sorted()[1]) / (plain.sorted()[1])
        table.add(
            "sweep time with reference replay",
            String(format: "%.2f× (%.1f s vs %.1f s, medians of 3)", ratio, replayed.sorted()[1], plain.sorted()[1]),
            goal: "≤ 2×", met: ratio <= 2, note: "1,040 samples of the shipped suites; every sample teacher-forced by the reference in batches of 16"
        )
    }
}
