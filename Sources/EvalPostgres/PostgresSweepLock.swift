import EvalCore
import EvalStore

/// A sweep's hold on a PostgreSQL store: session-level advisory locks on a connection of its own,
/// released when the sweep ends or its process dies (the server drops the connection).
///
/// The same rules as SQLite's lock files: an unsharded sweep holds the store's lock exclusively,
/// shards hold it shared (so they run together and exclude unsharded sweeps), and each shard also
/// holds its own lock, so one shard of a run runs in one process at a time, on any machine.
public final class PostgresSweepLock: Sendable {
    private let link: PostgresLink

    /// The store's lock (an arbitrary constant of evalctl's).
    static let storeLock: Int64 = 0x6576_616C_6374_6C03

    /// Takes the store's lock, without waiting.
    ///
    /// - Throws: `StoreError` (locked) when another sweep holds it.
    public init(url: PostgresURL, password: String?, exclusive: Bool) throws {
        link = try PostgresLink(url: url, password: password)
        let function = exclusive ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared"
        guard try Self.take(link, "SELECT \(function)($1)", [.integer(Self.storeLock)]) else {
            throw StoreError.locked(path: url.description)
        }
    }

    /// Takes the lock of one shard of a run, without waiting.
    ///
    /// - Throws: `StoreError` (shard running) when another process runs that shard.
    public init(url: PostgresURL, password: String?, runKey: String, shard: Shard) throws {
        link = try PostgresLink(url: url, password: password)
        // Two 32-bit keys: the run key's hash and the shard's index.
        let run = Int64(Int32(truncatingIfNeeded: StableHash.value(of: runKey)))
        guard
            try Self.take(
                link, "SELECT pg_try_advisory_lock(CAST($1 AS INTEGER), CAST($2 AS INTEGER))", [.integer(run), .integer(Int64(shard.index))])
        else {
            throw StoreError.shardRunning("shard \(shard) of run '\(runKey)'", path: url.description)
        }
    }

    private static func take(_ link: PostgresLink, _ sql: String, _ values: [SQLValue]) throws -> Bool {
        try link.exclusively {
            let row = try link.query(sql, values).rows.first?.first
            return try row.map(PostgresSession.value) == .integer(1)
        }
    }
}
