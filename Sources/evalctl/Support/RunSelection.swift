import ArgumentParser
import EvalStore
import Foundation

/// Which run a judging command (`gate`, `drift`) reads: `latest` means the latest *complete* run,
/// since a run still being written, or left by a sweep that was killed, holds only part of its
/// samples and would be judged on them as if they were all.
enum RunSelection {
    /// A run that cannot be judged.
    struct Incomplete: Error, CustomStringConvertible {
        var description: String
    }

    /// The run to judge.
    ///
    /// - Parameters:
    ///   - text: `latest` or a run id.
    ///   - store: The store.
    ///   - path: Its path, for messages.
    /// - Returns: The run's id; for `latest`, a note on standard error names the newer runs skipped.
    /// - Throws: ``Incomplete`` for a run id that is not complete; `ValidationError` for no such run.
    static func resolve(_ text: String, store: ResultStore, path: String) throws -> Int64 {
        if text == "latest" {
            let (complete, skipped) = try store.latestCompleteRun()
            guard let complete else {
                if skipped.isEmpty { throw ValidationError("\(path) holds no run yet") }
                throw Incomplete(description: "\(path) holds no complete run yet (\(describe(skipped))); wait for the sweep to finish or sweep again")
            }
            if !skipped.isEmpty {
                FileHandle.standardError.write(
                    Data("evalctl: note: judging run \(complete), the latest complete run (skipped \(describe(skipped)))\n".utf8))
            }
            return complete
        }
        guard let id = Int64(text), let record = try store.run(id: id) else { throw ValidationError("\(path) holds no run \(text)") }
        guard record.status == .complete else {
            throw Incomplete(
                description:
                    "run \(id) in \(path) is \(record.status.rawValue), not complete: its samples are only part of the sweep; judge a complete run")
        }
        return id
    }

    private static func describe(_ runs: [(id: Int64, status: String)]) -> String {
        runs.map { "run \($0.id) is \($0.status == "running" ? "running or was killed" : $0.status)" }.joined(separator: ", ")
    }
}
