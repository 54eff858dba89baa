import EvalCore
import Foundation
import GRDB

/// The SQLite store of runs, samples, scores and alerts.
///
/// WAL mode, so readers (`compare`, `report`) never block the sweep that writes; every sample
/// is committed as it completes, so a crash loses at most the requests in flight.
public final class ResultStore: Sendable {
    /// The database connection.
    public let writer: any DatabaseWriter
    /// The database path (`:memory:` for an in-memory store).
    public let path: String

    /// Opens (creating if needed) the store at a path and migrates it.
    ///
    /// - Parameter path: The SQLite file.
    /// - Throws: ``StoreError`` for a file that is not an evalctl database or comes from a newer evalctl.
    public convenience init(path: String) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(path: path, reason: (error as NSError).localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A sweep's inserts land all over the per-series indexes: with SQLite's 2 MiB default
            // cache a transaction spills its pages before it commits.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .notADatabase(path: path, reason: Self.reason(error))
        }
        try self.init(writer: pool, path: path)
    }

    /// Wraps an open database (tests pass an in-memory `DatabaseQueue`) and migrates it.
    public init(writer: any DatabaseWriter, path: String = ":memory:") throws(StoreError) {
        self.writer = writer
        self.path = path
        do {
            let migrator = StoreMigrations.migrator
            let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded { throw StoreError.newerSchema(path: path) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .notADatabase(path: path, reason: Self.reason(error))
        }
    }

    /// The names of applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    /// Runs SQLite's `PRAGMA integrity_check`.
    ///
    /// - Returns: `ok`, or SQLite's description of the damage.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }
}
