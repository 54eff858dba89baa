import ArgumentParser
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl runs`: the runs in the store, newest first.
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the runs in the store, newest first.")

        @OptionGroup var options: CommonOptions
        @Option(help: "How many runs to list.") var limit = 20
        @Option(
            help:
                "Output: table, or json (each run with its provenance: evalctl's version and commit, the configuration's hash, the scorers, the calibration, what each platform reported)."
        )
        var format = "table"

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("'--limit' must be at least 1, got \(limit).") }
            guard ["table", "json"].contains(format) else { throw ValidationError("'--format' must be table or json, got '\(format)'.") }
        }

        func run() async throws {
            do {
                let target = try options.storeTarget()
                guard target.exists else {
                    print("no runs: \(target.location) does not exist yet (run `evalctl sweep`)")
                    return
                }
                let store = try target.open(access: .readOnly)
                // A run still `running` while no sweep holds the lock was left by a sweep that died;
                // the next sweep marks it incomplete in the store, this command only reads.
                let sweepRunning = target.sweepRunning
                if format == "json" {
                    print(try RunsJSON.render(store: store, runs: try store.runs(limit: limit), sweepRunning: sweepRunning))
                    return
                }
                var table = TextTable(header: [
                    "run", "started (UTC)", "duration", "status", "samples", "infra err", "shards done", "evalctl", "commit",
                ])
                table.rightAligned = [0, 2, 4, 5, 6]
                for run in try store.runs(limit: limit) {
                    let duration = run.endedAt.map { String(format: "%.1f s", $0 - run.startedAt) } ?? "-"
                    let commit = run.gitCommit.map { String($0.prefix(10)) + (run.gitDirty == true ? "+dirty" : "") } ?? "-"
                    table.rows.append([
                        "\(run.id)", Timestamps.iso(run.startedAt), duration,
                        run.status == .running && !sweepRunning ? "incomplete" : run.status.rawValue, "\(run.samples)", "\(run.errors)",
                        run.shards.map { "\(run.completeShards)/\($0) \(run.runKey ?? "")" } ?? "-", run.evalctlVersion, commit,
                    ])
                }
                print(table.rows.isEmpty ? "no runs in \(target.location)" : table.render())
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

/// `evalctl runs --format json`: each run with its provenance.
enum RunsJSON {
    struct Run: Encodable {
        var id: Int64
        var startedAt: Double
        var endedAt: Double?
        var status: String
        var samples: Int
        var infraErrors: Int
        /// A sharded run's key, shard count and completed shards (absent for an unsharded run).
        var sharding: Sharding?
        var provenance: Provenance
    }

    struct Sharding: Encodable {
        var runKey: String
        var shards: Int
        var completeShards: Int
    }

    struct Provenance: Encodable {
        var evalctlVersion: String
        var evalctlCommit: String?
        var evalctlDirty: Bool?
        var configHash: String
        /// `nil` for runs made before evalctl recorded its scoring environment.
        var scorers: Scorers?
        var calibration: ScoringProvenance.Calibration?
        var platforms: [String: Platform]
    }

    struct Scorers: Encodable {
        var languageIdentifier: String
        var wordLists: String
        var toolchains: [String: String]
    }

    struct Platform: Encodable {
        var reportedModels: [String]
        var systemFingerprints: [String]
    }

    static func render(store: ResultStore, runs: [RunSummary], sweepRunning: Bool) throws -> String {
        var result: [Run] = []
        for run in runs {
            let scoring = ScoringProvenance.decode(try store.notes(runID: run.id)["provenance"])
            let identities = try store.reportedIdentities(runID: run.id)
            result.append(
                Run(
                    id: run.id, startedAt: run.startedAt, endedAt: run.endedAt,
                    status: run.status == .running && !sweepRunning ? "incomplete" : run.status.rawValue, samples: run.samples,
                    infraErrors: run.errors,
                    sharding: run.shards.map { Sharding(runKey: run.runKey ?? "", shards: $0, completeShards: run.completeShards) },
                    provenance: Provenance(
                        evalctlVersion: run.evalctlVersion, evalctlCommit: run.gitCommit, evalctlDirty: run.gitDirty, configHash: run.configHash,
                        scorers: scoring.map {
                            Scorers(languageIdentifier: $0.languageIdentifier, wordLists: $0.wordLists, toolchains: $0.toolchains)
                        },
                        calibration: scoring?.calibration,
                        platforms: identities.mapValues { Platform(reportedModels: $0.models, systemFingerprints: $0.fingerprints) }
                    )
                )
            )
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }
}
