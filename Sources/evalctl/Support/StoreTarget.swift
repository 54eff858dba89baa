import EvalCore
import EvalPostgres
import EvalStore
import Foundation

/// The store a command works on: a SQLite file (the default), or a PostgreSQL database named by
/// a `postgresql://user@host:port/db` URL, its password from the environment.
struct StoreTarget: Sendable {
    /// The file path or the URL, as given.
    var location: String
    /// The variable holding a PostgreSQL password (`store_password_env`; `PGPASSWORD` when unset).
    var passwordVariable: String?

    init(_ location: String, passwordVariable: String? = nil) {
        self.location = location
        self.passwordVariable = passwordVariable
    }

    init(_ configuration: EvalConfiguration) {
        self.init(configuration.store, passwordVariable: configuration.storePasswordVariable)
    }

    var isPostgres: Bool { PostgresURL.isPostgres(location) }

    /// The URL of a PostgreSQL store (checked before anything is opened).
    func url() throws -> PostgresURL? {
        isPostgres ? try PostgresURL(location) : nil
    }

    /// The password, from the environment; added to what every error and log line redacts.
    var password: String? {
        let name = passwordVariable ?? "PGPASSWORD"
        guard let password = ProcessInfo.processInfo.environment[name], !password.isEmpty else { return nil }
        ProcessSecrets.add([password])
        return password
    }

    /// Whether there is a store to read: a SQLite file that exists, or any PostgreSQL URL (the
    /// database says itself when it holds no store).
    var exists: Bool {
        isPostgres || FileManager.default.fileExists(atPath: location)
    }

    /// Opens the store (a sweep creates it).
    func open(access: ResultStore.Access = .readWrite) throws -> ResultStore {
        guard let url = try url() else { return try ResultStore(path: location, access: access) }
        return ResultStore(database: try PostgresDatabase(url: url, password: password, createIfMissing: access == .readWrite))
    }

    /// Creates a SQLite store's folder (nothing for PostgreSQL).
    func prepareFolder() throws {
        guard !isPostgres else { return }
        try ResultStore.checkIsFilePath(location)
        let folder = (location as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotCreate(path: location, reason: (error as NSError).localizedDescription)
        }
    }

    /// A sweep's hold on the store: exclusive for an unsharded sweep, shared for a shard.
    func lock(exclusive: Bool = true) throws -> any Sendable {
        if let url = try url() { return try PostgresSweepLock(url: url, password: password, exclusive: exclusive) }
        return try StoreLock(storePath: location, mode: exclusive ? .exclusive : .shared)
    }

    /// A shard's own hold: one process per shard of a run.
    func shardLock(runKey: String, shard: Shard) throws -> any Sendable {
        if let url = try url() { return try PostgresSweepLock(url: url, password: password, runKey: runKey, shard: shard) }
        return try StoreLock.shard(storePath: location, runKey: runKey, shard: shard)
    }

    /// Whether a sweep holds the store now (`evalctl runs` tells a dead sweep's run from a live one).
    var sweepRunning: Bool {
        (try? lock()) == nil
    }
}
