/// A database the store runs its transactions on: SQLite through GRDB, or PostgreSQL.
///
/// Reads see one consistent state of the store; writes are serialized (one writer at a time, as
/// SQLite has it), each in one transaction that commits whole or not at all.
public protocol SQLDatabase: Sendable {
    /// Which database this is.
    var dialect: SQLDialect { get }
    /// Where it is, as errors name it (a file path, or a URL without its password).
    var location: String { get }

    /// Runs `body` in a read-only transaction.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T

    /// Runs `body` in a write transaction, blocking the calling thread.
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T

    /// Runs `body` in a write transaction without blocking a task's thread.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T

    /// The names of the applied migrations, oldest first.
    func appliedMigrations() throws -> [String]
}
