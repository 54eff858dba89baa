/// `evalctl store copy`: a whole store moved into an empty one (SQLite to PostgreSQL, or back).
extension ResultStore {
    /// What a copy moved: rows per table, in copy order.
    public struct CopyReport: Sendable {
        public var rows: [(table: String, count: Int)] = []
    }

    /// A store that cannot take a copy.
    public struct CopyRefused: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies every row of this store into `target`, ids kept, a page per transaction.
    ///
    /// - Parameters:
    ///   - target: An empty store (migrated, no run): a copy never merges into history.
    ///   - pageRows: Rows read and written per transaction.
    ///   - progress: Called after each page with the table and the rows copied so far.
    /// - Throws: ``CopyRefused`` when the target holds runs; the stores' errors otherwise (the
    ///   source is never written; a failed copy is redone into a fresh target).
    public func copy(
        to target: ResultStore, pageRows: Int = 2_000, progress: (String, Int) -> Void = { _, _ in }
    ) async throws -> CopyReport {
        let targetRuns = try target.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") } ?? 0
        guard targetRuns == 0 else {
            throw CopyRefused(description: "\(target.path) already holds \(targetRuns) runs: copy into an empty store")
        }
        var report = CopyReport()
        for table in StoreTable.all {
            var copied = 0
            var after: [SQLValue]?
            while true {
                let page = try database.read { db in try Self.page(of: table, after: after, rows: pageRows, db) }
                guard let last = page.last else { break }
                try await target.database.write { db in try db.insertRows(into: table.name, columns: table.columns, rows: page.map(\.values)) }
                copied += page.count
                progress(table.name, copied)
                after = table.key.map { last.values[table.columns.firstIndex(of: $0) ?? 0] }
                if page.count < pageRows { break }
            }
            if table.generatedID, copied > 0, target.database.dialect == .postgresql {
                try await target.database.write { db in
                    try db.execute(sql: "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), (SELECT MAX(id) FROM \(table.name)))")
                }
            }
            report.rows.append((table.name, copied))
        }
        return report
    }

    /// One page of a table in key order, after the key `after` (from the start when `nil`).
    static func page(of table: StoreTable, after: [SQLValue]?, rows: Int, _ db: any SQLSession) throws -> [SQLRow] {
        let key = table.key.joined(separator: ", ")
        var sql = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)"
        var arguments = SQLArguments([])
        if let after {
            let placeholders = after.map { _ in "?" }.joined(separator: ", ")
            sql += after.count == 1 ? " WHERE \(key) > ?" : " WHERE (\(key)) > (\(placeholders))"
            arguments.append(contentsOf: after)
        }
        sql += " ORDER BY \(key) LIMIT \(rows)"
        return try db.fetchAll(sql: sql, arguments: arguments)
    }

}
