import ArgumentParser
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl store`: moving a store's history.
    struct Store: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a store's history between SQLite and PostgreSQL.", subcommands: [Copy.self])

        /// `evalctl store copy --from A --to B`.
        struct Copy: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy every run, sample, score, alert and detector state of a store into an empty one (ids kept).",
                discussion: """
                    Either side is a SQLite file or postgresql://user@host:port/db (password from PGPASSWORD, or --password-env). \
                    The source is only read, and may be in use; the target must hold no run. PostgreSQL's text cannot hold U+0000: \
                    such characters of model output arrive as U+FFFD.
                    """)

            @Option(help: "The store to copy from.") var from: String
            @Option(help: "The empty store to copy into (created when it is a SQLite file).") var to: String
            @Option(help: "The environment variable holding the PostgreSQL password (default PGPASSWORD).") var passwordEnv: String?

            func run() async throws {
                do {
                    let source = StoreTarget(from, passwordVariable: passwordEnv)
                    let target = StoreTarget(to, passwordVariable: passwordEnv)
                    _ = try source.url()
                    _ = try target.url()
                    guard source.exists else { throw ValidationError("\(from) does not exist") }
                    guard source.location != target.location else { throw ValidationError("--from and --to are the same store") }
                    let reading = try source.open(access: .readOnly)
                    try target.prepareFolder()
                    // The target is written by this command alone.
                    let lock = try target.lock()
                    defer { withExtendedLifetime(lock) {} }
                    let writing = try target.open()
                    let started = ContinuousClock.now
                    let report = try await reading.copy(to: writing)
                    let seconds = (ContinuousClock.now - started) / .seconds(1)
                    let total = report.rows.reduce(0) { $0 + $1.count }
                    var table = TextTable(header: ["table", "rows"])
                    for (name, count) in report.rows { table.rows.append([name, String(count)]) }
                    print(table.render())
                    print("copied \(total) rows from \(reading.path) to \(writing.path) in \(String(format: "%.1f", seconds)) s")
                } catch let error as ExitCode {
                    throw error
                } catch {
                    throw fail(error)
                }
            }
        }
    }
}
