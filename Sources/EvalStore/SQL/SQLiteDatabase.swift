import Foundation
import GRDB

/// The SQLite store's database: a GRDB writer (a WAL pool for files, a queue in tests).
public struct SQLiteDatabase: SQLDatabase {
    /// The GRDB connection, for what only SQLite has (pragmas, checkpoints, tests that damage a file).
    public let writer: any DatabaseWriter
    public let location: String
    public var dialect: SQLDialect { .sqlite }

    public init(writer: any DatabaseWriter, location: String) {
        self.writer = writer
        self.location = location
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteSession(db)) }
    }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try writer.write { db in try body(SQLiteSession(db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await writer.write { db in try body(SQLiteSession(db)) }
    }

    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }
}

/// One GRDB connection inside a transaction.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) {
        self.db = db
    }

    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try db.execute(sql: sql, arguments: Self.grdb(arguments))
        return db.changesCount
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames.map { $0.lowercased() }
        let cursor = try Row.fetchCursor(statement, arguments: Self.grdb(arguments))
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    func insert(sql: String, arguments: SQLArguments) throws -> Int64 {
        try db.execute(sql: sql, arguments: Self.grdb(arguments))
        return db.lastInsertedRowID
    }

    static func grdb(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map(databaseValue))
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let real): real.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
