import EvalCore
import Foundation

/// Swift syntax by the compiler's own parser: `swiftc -frontend -parse` over a batch of files in
/// one process (the frontend reports every file's errors), so its start-up is paid per batch.
///
/// Snippets checked one at a time by concurrent callers are coalesced into batches.
public struct SwiftSyntaxChecker: SyntaxChecker {
    public let language = CodeLanguage.swift
    let batchSize: Int
    let frontend: Frontend
    let coalescer: Batcher<String, SyntaxVerdict>

    /// Creates a checker.
    ///
    /// - Parameters:
    ///   - swiftc: Path of `swiftc`.
    ///   - batchSize: Files per compiler process.
    ///   - deadline: Seconds allowed per file of a batch.
    ///   - processes: Compiler processes run side by side.
    public init(swiftc: String, batchSize: Int = 64, deadline: Double = 10, processes: Int = 2) {
        let frontend = Frontend(swiftc: swiftc, deadline: deadline, gate: ProcessGate(limit: processes))
        self.batchSize = max(1, batchSize)
        self.frontend = frontend
        // Snippets that arrive within a few milliseconds of each other share one compiler process.
        self.coalescer = Batcher(policy: .init(maxBatch: self.batchSize, linger: .milliseconds(20))) { await frontend.checkBatch($0) }
    }

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        guard snippets.count == 1 else { return await checkBatches(snippets) }
        return [await coalescer.submit(snippets[0])]
    }

    func checkBatches(_ snippets: [String]) async -> [SyntaxVerdict] {
        let batches = stride(from: 0, to: snippets.count, by: batchSize).map { $0..<min($0 + batchSize, snippets.count) }
        return await withTaskGroup(of: (Range<Int>, [SyntaxVerdict]).self) { group in
            for range in batches {
                group.addTask { (range, await frontend.checkBatch(Array(snippets[range]))) }
            }
            var verdicts = [SyntaxVerdict](repeating: .unavailable("not checked"), count: snippets.count)
            for await (range, batch) in group { verdicts.replaceSubrange(range, with: batch) }
            return verdicts
        }
    }

}

extension SwiftSyntaxChecker {
    /// `swiftc -frontend -parse` over one batch of snippets.
    struct Frontend: Sendable {
        let swiftc: String
        let deadline: Double
        let gate: ProcessGate

        /// Diagnostics of library mode that script mode does not give.
        static let libraryModeOnly = ["expressions are not allowed at the top level", "statements are not allowed at the top level"]

        func checkBatch(_ snippets: [String]) async -> [SyntaxVerdict] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-swift-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (index, snippet) in snippets.enumerated() {
                    try Data(snippet.utf8).write(to: folder.appendingPathComponent("s\(index).swift"))
                }
            } catch {
                return snippets.map { _ in .unavailable("cannot write snippets to \(folder.path): \(error.localizedDescription)") }
            }
            let files = snippets.indices.map { folder.appendingPathComponent("s\($0).swift").path }
            let run = await gate.run {
                ChildProcess.run(
                    swiftc, ["-frontend", "-parse", "-diagnostic-style", "llvm"] + files, deadline: deadline * Double(max(1, snippets.count / 8)))
            }
            switch run {
            case .failure(let problem):
                // A batch that could not finish is split, down to single files, before giving up.
                if snippets.count > 1, case .timedOut = problem {
                    let half = snippets.count / 2
                    return await checkBatch(Array(snippets[..<half])) + checkBatch(Array(snippets[half...]))
                }
                return snippets.map { _ in .unavailable("swiftc -parse: \(problem)") }
            case .success(let result):
                var firstError: [Int: SyntaxError] = [:]
                var errorLines = 0
                for line in result.standardError.split(separator: "\n") {
                    // <folder>/s<N>.swift:<line>:<column>: error: <message>
                    guard line.hasPrefix(folder.path + "/s"), let range = line.range(of: ": error: ") else { continue }
                    let location = line[line.index(line.startIndex, offsetBy: folder.path.count + 2)..<range.lowerBound].split(separator: ":")
                    guard location.count == 3, let index = Int(location[0].dropLast(6)), let row = Int(location[1]), let column = Int(location[2])
                    else {
                        continue
                    }
                    // In a batch no file is the main file, so the frontend parses each as a library and
                    // objects to top-level code that `swiftc -parse file.swift` (script mode) accepts.
                    let message = line[range.upperBound...]
                    errorLines += 1
                    if Self.libraryModeOnly.contains(where: { message.hasPrefix($0) }) { continue }
                    if firstError[index] == nil {
                        firstError[index] = SyntaxError(line: row, column: column, message: String(line[range.upperBound...]))
                    }
                }
                if result.status != 0, errorLines == 0 {
                    return snippets.map { _ in .unavailable("swiftc -parse exited with status \(result.status) without an error line") }
                }
                return snippets.indices.map { firstError[$0].map(SyntaxVerdict.invalid) ?? .valid }
            }
        }
    }
}
