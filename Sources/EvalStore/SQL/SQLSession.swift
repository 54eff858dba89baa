/// One connection inside a transaction: what the store's queries run on, whichever database.
///
/// Parameters are written `?` (or `?1`, `?2` … to use one twice); the PostgreSQL session numbers
/// them as `$1` … before sending.
public protocol SQLSession {
    /// Which database this is, for the few places the SQL differs.
    var dialect: SQLDialect { get }

    /// Runs a statement.
    ///
    /// - Returns: The rows it changed.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int

    /// Runs a query and returns every row.
    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow]

    /// Runs an `INSERT` into a table whose key is `id` and returns the new row's id.
    func insert(sql: String, arguments: SQLArguments) throws -> Int64

}

extension SQLSession {
    @discardableResult
    public func execute(sql: String) throws -> Int { try execute(sql: sql, arguments: []) }

    /// Inserts rows with multi-row `INSERT`s of at most 30,000 parameters each (under both
    /// databases' limits): one round trip per statement rather than per row.
    ///
    /// - Parameter conflict: What follows the values (`ON CONFLICT DO NOTHING`), or nothing.
    public func insertRows(into table: String, columns: [String], rows: [[SQLValue]], conflict: String = "") throws {
        let perStatement = max(1, 30_000 / columns.count)
        let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = head + Array(repeating: tuple, count: chunk.count).joined(separator: ", ") + (conflict.isEmpty ? "" : " " + conflict)
            try execute(sql: sql, arguments: SQLArguments(chunk.flatMap { $0 }))
            start += chunk.count
        }
    }
}

extension SQLRow {
    /// Every row of a query.
    public static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.fetchAll(sql: sql, arguments: arguments)
    }

    /// The first row of a query, if any.
    public static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.fetchAll(sql: sql, arguments: arguments).first
    }
}

extension SQLDecodable {
    /// The first column of a query's first row (`nil` when there is no row or it holds `NULL`).
    public static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> Self? {
        guard let row = try db.fetchAll(sql: sql, arguments: arguments).first else { return nil }
        return decode(row.values[0])
    }

    /// The first column of every row, `NULL`s left out.
    public static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.fetchAll(sql: sql, arguments: arguments).compactMap { decode($0.values[0]) }
    }
}
