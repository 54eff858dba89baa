import Dispatch
import EvalStore

/// A PostgreSQL database holding an evalctl store, shared by sweeps on many machines.
///
/// Two connections: one for writes, one for reads. Every write transaction first takes one
/// transaction-level advisory lock, so writes are serialized as SQLite's are, whichever machine
/// sends them (a shard completing a run sees every other shard's commit); reads run in
/// `REPEATABLE READ` transactions, one consistent state each, and never wait for writes.
public final class PostgresDatabase: SQLDatabase {
    public let url: PostgresURL
    public var location: String { url.description }
    public var dialect: SQLDialect { .postgresql }
    private let writer: PostgresLink
    private let reader: PostgresLink
    private let writes = DispatchQueue(label: "evalctl.postgres.writes")

    /// The advisory lock every write transaction holds (an arbitrary constant of evalctl's).
    static let writeLock: Int64 = 0x6576_616C_6374_6C01

    /// Connects and brings the schema up to date.
    ///
    /// - Parameters:
    ///   - url: The store.
    ///   - password: From the environment (`PGPASSWORD` or the configured variable).
    ///   - createIfMissing: A sweep creates the store's tables in an empty database; a reading
    ///     command refuses a database without them.
    public init(url: PostgresURL, password: String?, createIfMissing: Bool) throws {
        self.url = url
        writer = try PostgresLink(url: url, password: password)
        reader = try PostgresLink(url: url, password: password)
        try PostgresMigrations.migrate(writer, createIfMissing: createIfMissing)
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try reader.exclusively {
            try Self.transaction(reader, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                try body(PostgresSession(link: reader))
            }
        }
    }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try writer.exclusively {
            try Self.transaction(writer, begin: "BEGIN") {
                _ = try writer.query("SELECT pg_advisory_xact_lock($1)", [.integer(Self.writeLock)])
                return try body(PostgresSession(link: writer))
            }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            writes.async { continuation.resume(with: Result { try self.write(body) }) }
        }
    }

    public func appliedMigrations() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM evalctl_migrations ORDER BY position") }
    }

    /// Creates an empty database on the server (benchmarks and tests: each gets a fresh one),
    /// dropping one of that name first.
    ///
    /// - Parameters:
    ///   - name: Letters, digits and underscores only.
    ///   - server: Any database on the server, to connect to.
    public static func recreate(database name: String, on server: PostgresURL, password: String?) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw PostgresStoreError.badURL(name, reason: "a database name of letters, digits and underscores is needed")
        }
        let link = try PostgresLink(url: server, password: password)
        try link.exclusively {
            _ = try link.query("DROP DATABASE IF EXISTS \(name)", [])
            _ = try link.query("CREATE DATABASE \(name)", [])
        }
    }

    /// Runs `body` between `begin` and `COMMIT`, rolling back when it throws.
    static func transaction<T>(_ link: PostgresLink, begin: String, _ body: () throws -> T) throws -> T {
        _ = try link.query(begin, [])
        do {
            let result = try body()
            _ = try link.query("COMMIT", [])
            return result
        } catch {
            _ = try? link.query("ROLLBACK", [])
            throw error
        }
    }
}
