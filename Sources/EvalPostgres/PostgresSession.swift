import EvalStore
import Foundation
import NIOCore
import PostgresNIO

/// A transaction on one ``PostgresLink``.
struct PostgresSession: SQLSession {
    let link: PostgresLink
    var dialect: SQLDialect { .postgresql }

    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try link.query(PostgresPlaceholders.numbered(sql), arguments.values).metadata.rows ?? 0
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let result = try link.query(PostgresPlaceholders.numbered(sql), arguments.values)
        guard let first = result.rows.first else { return [] }
        let columns = first.map { $0.columnName.lowercased() }
        return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    func insert(sql: String, arguments: SQLArguments) throws -> Int64 {
        try Self.id(link.query(PostgresPlaceholders.numbered(sql) + " RETURNING id", arguments.values), sql: sql, link: link)
    }

    static func id(_ result: PostgresQueryResult, sql: String, link: PostgresLink) throws -> Int64 {
        guard let cell = result.rows.first?.first, case .integer(let id) = try value(cell) else {
            throw PostgresStoreError.refused(link.url, "no id returned by \(sql.prefix(60))")
        }
        return id
    }

    /// A cell as the store's values: integers, reals, text, bytes; `numeric` (sums of `bigint`) as
    /// an integer when whole.
    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .blob(try cell.decode(Data.self))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            let real = NSDecimalNumber(decimal: decimal).doubleValue
            if decimal == decimal.rounded(), let integer = Int64(exactly: real) { return .integer(integer) }
            return .real(real)
        default: return .text(try cell.decode(String.self))
        }
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
