import Foundation

/// A value as the store's databases hold it: SQLite's storage classes, which PostgreSQL's column
/// types (`bigint`, `double precision`, `text`, `bytea`) map onto one to one.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value bound to a statement's parameter.
public protocol SQLBindable: Sendable {
    /// The value as the database stores it.
    var sqlValue: SQLValue { get }
}

/// A Swift value read from a result column.
public protocol SQLDecodable {
    /// Converts a stored value, or returns `nil` when it has another type (a `NULL` included).
    static func decode(_ value: SQLValue) -> Self?
}

extension Int64: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }
    public static func decode(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let integer): integer
        case .real(let real): Int64(exactly: real.rounded(.towardZero))
        default: nil
        }
    }
}

extension Int: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func decode(_ value: SQLValue) -> Int? { Int64.decode(value).map(Int.init) }
}

extension Bool: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func decode(_ value: SQLValue) -> Bool? { Int64.decode(value).map { $0 != 0 } }
}

extension Double: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .real(self) }
    public static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }
}

extension String: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }
    public static func decode(_ value: SQLValue) -> String? {
        if case .text(let text) = value { return text }
        if case .blob(let data) = value { return String(decoding: data, as: UTF8.self) }
        return nil
    }
}

extension Data: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .blob(self) }
    public static func decode(_ value: SQLValue) -> Data? {
        if case .blob(let data) = value { return data }
        if case .text(let text) = value { return Data(text.utf8) }
        return nil
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}
