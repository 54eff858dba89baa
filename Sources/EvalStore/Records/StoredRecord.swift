/// A row type of one table, read by its columns in the order ``columns`` lists them.
protocol StoredRecord {
    /// The table.
    static var table: String { get }
    /// The columns read, comma-separated, in the order ``init(row:)`` reads them.
    static var columns: String { get }
    /// Reads a row selected by ``columns``.
    init(row: SQLRow)
}

extension StoredRecord {
    /// The record with this `id`, if any.
    static func fetchOne(_ db: any SQLSession, key: Int64) throws -> Self? {
        try SQLRow.fetchOne(db, sql: "SELECT \(columns) FROM \(table) WHERE id = ?", arguments: [key]).map(Self.init(row:))
    }

    /// The records a condition selects (`WHERE` and what follows it).
    static func fetchAll(_ db: any SQLSession, where condition: String, arguments: SQLArguments = []) throws -> [Self] {
        try SQLRow.fetchAll(db, sql: "SELECT \(columns) FROM \(table) WHERE \(condition)", arguments: arguments).map(Self.init(row:))
    }
}
