/// The SQL the store's two databases disagree on; everything else is written once, in the SQL
/// both accept.
public enum SQLDialect: Sendable {
    case sqlite
    case postgresql

    /// A number read from a JSON object held as text, `NULL` when the text is not JSON or the key
    /// is absent.
    func jsonNumber(_ column: String, key: String) -> String {
        switch self {
        case .sqlite: "(CASE WHEN json_valid(\(column)) THEN json_extract(\(column), '$.\(key)') END)"
        case .postgresql: "evalctl_json_number(\(column), '\(key)')"
        }
    }

    /// A join its query planner must do in the order written: SQLite's `CROSS JOIN` (PostgreSQL
    /// plans joins itself, and takes no `ON` after `CROSS JOIN`).
    var orderedJoin: String {
        switch self {
        case .sqlite: "CROSS JOIN"
        case .postgresql: "JOIN"
        }
    }

    /// A subquery of the integers in one parameter bound to a JSON array of them.
    var integersOfJSONArray: String {
        switch self {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgresql: "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(? AS json))"
        }
    }
}
