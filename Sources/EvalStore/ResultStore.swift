import EvalCore
import Foundation
import GRDB
import Synchronization

/// The store of runs, samples, scores and alerts: a SQLite file by default, or a PostgreSQL
/// database shared by sweeps on many machines.
///
/// SQLite runs in WAL mode, so readers (`compare`, `report`) never block the sweep that writes;
/// every sample is committed as it completes, so a crash loses at most the requests in flight.
public final class ResultStore: Sendable {
    /// The database: every query of the store runs on it.
    public let database: any SQLDatabase
    /// The database path (`:memory:` for an in-memory store), or its URL without the password.
    public let path: String

    /// The SQLite connection, for what only SQLite has (`nil` on PostgreSQL).
    public var sqliteWriter: (any DatabaseWriter)? { (database as? SQLiteDatabase)?.writer }

    /// Wraps a database already migrated (``SQLDatabase`` implementations outside this module, such as PostgreSQL's).
    public init(database: any SQLDatabase) {
        self.database = database
        self.path = database.location
    }

    /// How a command uses the store.
    public enum Access: Sendable {
        /// Sweeps, calibration, alert detection: the store is created if needed and migrated.
        case readWrite
        /// Reports, comparisons, gates: the file is opened read-only and never changed (a store an
        /// older evalctl wrote is migrated first, the one write such a command makes).
        case readOnly
    }

    /// The path of the store this process opened last: errors SQLite raises later, far from the
    /// open call, name it.
    public static var lastOpenedPath: String? { opened.withLock { $0 } }
    private static let opened = Mutex<String?>(nil)

    /// Opens the store at a path, checking it first: a damaged file, a file that is not an evalctl
    /// store and a store from a newer evalctl are refused before anything is written to them.
    ///
    /// - Parameters:
    ///   - path: The SQLite file; created (with its folder) for `.readWrite` when missing.
    ///   - access: Whether the command writes.
    /// - Throws: ``StoreError`` naming the file.
    public convenience init(path: String, access: Access = .readWrite) throws(StoreError) {
        try Self.checkIsFilePath(path)
        Self.opened.withLock { $0 = path }
        let exists = FileManager.default.fileExists(atPath: path)
        var upToDate = false
        if exists {
            upToDate = try Self.inspect(path: path, readOnly: access == .readOnly)
        } else if access == .readOnly {
            throw .notFound("the store", path: path)
        } else {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .cannotCreate(path: path, reason: (error as NSError).localizedDescription)
                }
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let readOnly = access == .readOnly && upToDate
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            // A sweep's inserts land all over the per-series indexes: with SQLite's 2 MiB default
            // cache a transaction spills its pages before it commits.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.classifying(error, path: path) ?? .notADatabase(path: path, reason: Self.reason(error))
        }
        try self.init(writer: pool, path: path, migrate: !readOnly)
    }

    /// Refuses a database URL (`postgresql://…`) given as a store, before anything is created
    /// from it; the error shows the URL without its password.
    public static func checkIsFilePath(_ path: String) throws(StoreError) {
        guard let separator = path.range(of: "://"), !path[..<separator.lowerBound].isEmpty,
            path[..<separator.lowerBound].allSatisfy({ $0.isLetter || $0 == "+" })
        else { return }
        var shown = path
        if let at = path[separator.upperBound...].firstIndex(of: "@"),
            let colon = path[separator.upperBound..<at].firstIndex(of: ":")
        {
            shown = String(path[..<path.index(after: colon)]) + "***" + String(path[at...])
        }
        throw .notAFile(path: shown)
    }

    /// Checks an existing file without writing to it: that SQLite can read it, that its pages are
    /// sound (`PRAGMA quick_check`), that no newer evalctl wrote it.
    ///
    /// - Returns: Whether every migration this evalctl knows is applied.
    /// Stores up to this size are checked whole (`PRAGMA quick_check`) by every command.
    static let fullCheckBytes = 512 << 20

    private static func inspect(path: String, readOnly: Bool) throws(StoreError) -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws -> Bool in
                // `quick_check` reads every page: 7 s on a 2.3 GB store. Every command checks a store
                // up to `fullCheckBytes` whole; a larger one is checked whole by the commands that
                // write it, while a reading command stops at the first damaged page it reads
                // (SQLITE_CORRUPT: the same error, exit 4) and answers from intact pages otherwise.
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                if size <= Self.fullCheckBytes || !readOnly {
                    let damage = try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }
                    if !damage.isEmpty {
                        throw StoreError.damaged(path: path, reason: "PRAGMA quick_check: " + damage.prefix(3).joined(separator: "; "))
                    }
                } else {
                    // The schema and the first page of every table and index still have to read.
                    for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                        _ = try Row.fetchOne(db, sql: "SELECT * FROM \"\(name)\" LIMIT 1")
                    }
                }
                let migrator = StoreMigrations.migrator
                if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
                return try migrator.hasCompletedMigrations(db)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.classifying(error, path: path) ?? .notADatabase(path: path, reason: reason(error))
        }
    }

    /// Wraps an open database (tests pass an in-memory `DatabaseQueue`) and migrates it.
    public init(writer: any DatabaseWriter, path: String = ":memory:", migrate: Bool = true) throws(StoreError) {
        self.database = SQLiteDatabase(writer: writer, location: path)
        self.path = path
        guard migrate else { return }
        // Shards of a run start together on one store: one process at a time checks and applies
        // the migrations (the others then find them applied).
        if path == ":memory:" {
            try Self.migrate(writer, path: path)
        } else {
            try StoreLock.serializingMigrations(storePath: path) { () throws(StoreError) in try Self.migrate(writer, path: path) }
        }
    }

    private static func migrate(_ writer: any DatabaseWriter, path: String) throws(StoreError) {
        do {
            let migrator = StoreMigrations.migrator
            let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded { throw StoreError.newerSchema(path: path) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.classifying(error, path: path) ?? .notADatabase(path: path, reason: Self.reason(error))
        }
    }

    /// The names of applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try database.appliedMigrations()
    }

    /// Runs SQLite's `PRAGMA integrity_check` (PostgreSQL checks its pages itself: `ok`).
    ///
    /// - Returns: `ok`, or SQLite's description of the damage.
    public func integrityCheck() throws -> String {
        guard let writer = sqliteWriter else { return "ok" }
        return try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }
}
