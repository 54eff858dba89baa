/// One result row: its values by position, and by column name (case-insensitively: PostgreSQL
/// folds unquoted names to lower case).
public struct SQLRow: Sendable {
    /// The column names, lower-cased.
    public let columns: [String]
    /// The values, in column order.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at a position, converted; a `NULL` or a value of another type reads as a
    /// failure of the store's schema, so it traps with the column named.
    public subscript<T: SQLDecodable>(index: Int) -> T {
        guard let value = T.decode(values[index]) else {
            preconditionFailure("column \(index) (\(columns[index])) holds \(values[index]), not \(T.self)")
        }
        return value
    }

    /// The value at a position, or `nil` for `NULL`.
    public subscript<T: SQLDecodable>(index: Int) -> T? {
        T.decode(values[index])
    }

    /// The value of a named column.
    public subscript<T: SQLDecodable>(name: String) -> T {
        self[position(of: name)]
    }

    /// The value of a named column, or `nil` for `NULL`.
    public subscript<T: SQLDecodable>(name: String) -> T? {
        self[position(of: name)]
    }

    private func position(of name: String) -> Int {
        let lowered = name.lowercased()
        guard let index = columns.firstIndex(of: lowered) else { preconditionFailure("no column '\(name)' in \(columns)") }
        return index
    }
}
