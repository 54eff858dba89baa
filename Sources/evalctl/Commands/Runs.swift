import ArgumentParser
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl runs`: the runs in the store, newest first.
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the runs in the store, newest first.")

        @OptionGroup var options: CommonOptions
        @Option(help: "How many runs to list.") var limit = 20

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("'--limit' must be at least 1, got \(limit).") }
        }

        func run() async throws {
            do {
                let path = try options.storePath()
                guard FileManager.default.fileExists(atPath: path) else {
                    print("no runs: \(path) does not exist yet (run `evalctl sweep`)")
                    return
                }
                let store = try ResultStore(path: path, access: .readOnly)
                // A run still `running` while no sweep holds the lock was left by a sweep that died;
                // the next sweep marks it incomplete in the store, this command only reads.
                let sweepRunning = (try? StoreLock(storePath: path)) == nil
                var table = TextTable(header: ["run", "started (UTC)", "duration", "status", "samples", "infra err", "evalctl", "commit"])
                table.rightAligned = [0, 2, 4, 5]
                for run in try store.runs(limit: limit) {
                    let duration = run.endedAt.map { String(format: "%.1f s", $0 - run.startedAt) } ?? "-"
                    let commit = run.gitCommit.map { String($0.prefix(10)) + (run.gitDirty == true ? "+dirty" : "") } ?? "-"
                    table.rows.append([
                        "\(run.id)", Timestamps.iso(run.startedAt), duration, run.status == .running && !sweepRunning ? "incomplete" : run.status.rawValue, "\(run.samples)", "\(run.errors)",
                        run.evalctlVersion, commit,
                    ])
                }
                print(table.rows.isEmpty ? "no runs in \(path)" : table.render())
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }
    }
}

/// Time formatting for terminal output.
enum Timestamps {
    static func iso(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
