import EvalCore
import EvalToolchains
import Foundation

/// Checking 1,000 mixed snippets (8 languages, half broken) with evalctl's long-lived workers,
/// against one toolchain process per snippet, side by side.
enum CodeSyntaxBench {
    static func run(into table: inout BenchTable) async throws {
        let snippets = BenchSnippets.make(count: 1_000)
        // Workers: cold (start-up included), all languages at once, as `evalctl score` runs them.
        let clock = ContinuousClock()
        let start = clock.now
        let checkers = Toolchains().checkers()
        let verdicts = await check(snippets, with: checkers)
        let workerSeconds = start.duration(to: clock.now).seconds
        let warm = await Stopwatch.bestAsync(rounds: 2) { _ = await check(snippets, with: checkers) }

        // One process per snippet, two at a time (the machine's cores).
        let baselineStart = clock.now
        let baseline = baselineVerdicts(snippets)
        let baselineSeconds = baselineStart.duration(to: clock.now).seconds

        let agreeing = zip(verdicts, baseline).filter { verdict, accepted in
            switch verdict {
            case .valid: accepted
            case .invalid: !accepted
            case .unavailable: false
            }
        }.count
        let speedup = baselineSeconds / workerSeconds
        table.add(
            "code-syntax, 1,000 snippets", String(format: "%.1f× faster", speedup), goal: "≥20× vs a process per snippet", met: speedup >= 20,
            note: String(
                format: "workers %.2f s cold (%.2f s warm) vs process per snippet %.1f s; 8 languages, half broken; verdicts agree on %d/%d",
                workerSeconds, warm, baselineSeconds, agreeing, snippets.count
            )
        )
    }

    static func check(_ snippets: [(CodeLanguage, String)], with checkers: SyntaxCheckers) async -> [SyntaxVerdict] {
        let byLanguage = Dictionary(grouping: snippets.indices, by: { snippets[$0].0 })
        return await withTaskGroup(of: [(Int, SyntaxVerdict)].self) { group in
            for (language, indices) in byLanguage {
                group.addTask {
                    guard let checker = checkers[language] else { return indices.map { ($0, .unavailable("none")) } }
                    return Array(zip(indices, await checker.check(indices.map { snippets[$0].1 })))
                }
            }
            var verdicts = [SyntaxVerdict](repeating: .unavailable("not checked"), count: snippets.count)
            for await pairs in group {
                for (index, verdict) in pairs { verdicts[index] = verdict }
            }
            return verdicts
        }
    }

    static let typescriptOnce = """
        const ts = require('/usr/share/nodejs/typescript');
        const code = require('fs').readFileSync(0, 'utf8');
        const out = ts.transpileModule(code, { reportDiagnostics: true, fileName: 'snippet.ts' });
        process.exit(out.diagnostics.length === 0 ? 0 : 1);
        """

    /// Whether each snippet's toolchain, started afresh for it, accepts it.
    static func baselineVerdicts(_ snippets: [(CodeLanguage, String)]) -> [Bool] {
        let results = ResultBox(count: snippets.count)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-bench-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        DispatchQueue.concurrentPerform(iterations: snippets.count) { index in
            let (language, code) = snippets[index]
            let file = folder.appendingPathComponent("s\(index)")
            var status: Int32
            switch language {
            case .python: status = run("/usr/bin/env", ["python3", "-c", "import sys; compile(sys.stdin.read(), 's', 'exec')"], input: code)
            case .javascript:
                try? Data(code.utf8).write(to: file.appendingPathExtension("cjs"))
                status = run("/usr/bin/env", ["node", "--check", file.appendingPathExtension("cjs").path])
            case .typescript: status = run("/usr/bin/env", ["node", "-e", typescriptOnce], input: code)
            case .swift:
                try? Data(code.utf8).write(to: file.appendingPathExtension("swift"))
                status = run("/usr/bin/env", ["swiftc", "-parse", file.appendingPathExtension("swift").path])
            case .bash: status = run("/usr/bin/env", ["bash", "-n"], input: code)
            case .json: status = run("/usr/bin/env", ["python3", "-c", "import json, sys; json.load(sys.stdin)"], input: code)
            case .sql:
                let output = runCapturing("/usr/bin/env", ["sqlite3", "-safe", ":memory:"], input: code)
                status = output.contains("syntax error") || output.contains("unrecognized token") || output.contains("incomplete input") ? 1 : 0
            case .yaml: status = run("/usr/bin/env", ["python3", "-c", "import sys, yaml; list(yaml.compose_all(sys.stdin))"], input: code)
            }
            results.set(index, status == 0)
        }
        return results.values
    }

    static func run(_ program: String, _ arguments: [String], input: String? = nil) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        if let input {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func runCapturing(_ program: String, _ arguments: [String], input: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        guard (try? process.run()) != nil else { return "" }
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let data = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    final class ResultBox: @unchecked Sendable {
        // @unchecked: each index is written once, by one thread, under the lock.
        private var storage: [Bool]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: false, count: count) }
        func set(_ index: Int, _ value: Bool) { lock.withLock { storage[index] = value } }
        var values: [Bool] { lock.withLock { storage } }
    }
}
