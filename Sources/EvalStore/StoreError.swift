import GRDB

/// A problem with the store: a file that is not an evalctl database, one from a newer evalctl, a
/// damaged file, a full disk.
public struct StoreError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case notADatabase(String)
        case newerSchema
        case locked
        case shardRunning(String)
        case remoteDisk(String)
        case notAFile
        case notFound(String)
        case cannotCreate(String)
        case corrupt(String)
        case damaged(String)
        case full(String, kept: String?)
        case readOnly(String)
    }

    private let code: Code
    /// The database file.
    public let path: String

    private init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    static func notADatabase(path: String, reason: String) -> Self { Self(.notADatabase(reason), path: path) }
    public static func newerSchema(path: String) -> Self { Self(.newerSchema, path: path) }
    public static func locked(path: String) -> Self { Self(.locked, path: path) }
    public static func shardRunning(_ what: String, path: String) -> Self { Self(.shardRunning(what), path: path) }
    static func remoteDisk(_ fileSystem: String, path: String) -> Self { Self(.remoteDisk(fileSystem), path: path) }
    static func notAFile(path: String) -> Self { Self(.notAFile, path: path) }
    public static func notFound(_ what: String, path: String) -> Self { Self(.notFound(what), path: path) }
    public static func cannotCreate(path: String, reason: String) -> Self { Self(.cannotCreate(reason), path: path) }
    static func corrupt(_ what: String, path: String) -> Self { Self(.corrupt(what), path: path) }
    static func damaged(path: String, reason: String) -> Self { Self(.damaged(reason), path: path) }

    /// The store error behind an error SQLite raised while the store was in use, or `nil` when the
    /// error is not about the file itself (a bug, a constraint): a damaged file (`SQLITE_CORRUPT`,
    /// `SQLITE_NOTADB`), a full disk (`SQLITE_FULL`), a file or folder that cannot be written.
    ///
    /// - Parameters:
    ///   - error: What a store call threw.
    ///   - path: The store it was called on, else the store this process opened last.
    public static func classifying(_ error: any Error, path: String? = nil) -> StoreError? {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return nil }
        let path = path ?? ResultStore.lastOpenedPath ?? "the store"
        let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase(path: path, reason: message)
        case .SQLITE_CORRUPT:
            return .damaged(path: path, reason: message)
        case .SQLITE_FULL:
            return Self(.full(message, kept: nil), path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return Self(.readOnly(message), path: path)
        case .SQLITE_IOERR:
            return error.extendedResultCode == .SQLITE_IOERR_WRITE || error.extendedResultCode == .SQLITE_IOERR_FSYNC
                ? Self(.full(message, kept: nil), path: path) : .damaged(path: path, reason: message)
        default:
            return nil
        }
    }

    /// Whether another sweep holds the store.
    public var isLocked: Bool {
        switch code {
        case .locked, .shardRunning: true
        default: false
        }
    }
    /// Whether the file is unusable as a store (corrupt, foreign or newer).
    public var isBadDatabase: Bool {
        switch code {
        case .notADatabase, .newerSchema, .corrupt, .damaged, .full, .readOnly: true
        default: false
        }
    }
    /// Whether the disk holding the store is full.
    public var isFull: Bool {
        if case .full = code { true } else { false }
    }

    /// The same error, saying what the store kept (a full disk in the middle of a sweep).
    public func keeping(_ kept: String) -> StoreError {
        guard case .full(let reason, _) = code else { return self }
        return Self(.full(reason, kept: kept), path: path)
    }
    /// Whether a looked-up record does not exist.
    public var isNotFound: Bool {
        if case .notFound = code { true } else { false }
    }

    public var description: String {
        switch code {
        case .notADatabase(let reason):
            "\(path): not a usable evalctl database (\(reason)); nothing was changed"
        case .newerSchema:
            "\(path): written by a newer evalctl (unknown migrations); upgrade evalctl to use it"
        case .locked:
            path.hasPrefix("postgresql://")
                ? "\(path): another sweep holds the store (PostgreSQL advisory lock; an unsharded sweep excludes shards and shards exclude it); wait for it to finish"
                : "\(path): another sweep holds the store (lock file \(path).lock; an unsharded sweep excludes shards and shards exclude it); wait for it to finish"
        case .notAFile:
            "\(path.prefix(160)): a database URL where a SQLite file path is needed (evalctl opens postgresql:// stores with PostgreSQL)"
        case .remoteDisk(let fileSystem):
            "\(path): SQLite shards must share one machine, and this store is on \(fileSystem), shared between machines, where file locks do not hold; put it on a local disk, or shard across machines with a PostgreSQL store (--store postgresql://user@host/db)"
        case .shardRunning(let what):
            path.hasPrefix("postgresql://")
                ? "\(path): \(what) is already running in another process (PostgreSQL advisory lock); a shard runs once at a time"
                : "\(path): \(what) is already running in another process (lock in \(path).shards/); a shard runs once at a time"
        case .notFound(let what):
            "\(path): \(what) not found"
        case .cannotCreate(let reason):
            "\(path): cannot create the store: \(reason)"
        case .corrupt(let what):
            "\(path): corrupt \(what)"
        case .damaged(let reason):
            "\(path): the store is damaged (\(reason)); nothing was written to it. Restore it from a backup, or move it aside to start a new one"
        case .full(let reason, let kept):
            "\(path): cannot write the store: the disk is full (\(reason)); \(kept ?? "every sample committed before this point is kept"); the file is intact; free space and sweep again"
        case .readOnly(let reason):
            "\(path): cannot write the store (\(reason)); nothing was changed"
        }
    }
}
