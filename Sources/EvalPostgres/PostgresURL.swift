import Foundation

/// Where a PostgreSQL store is: `postgresql://user@host:port/database`.
///
/// The password comes from the environment (`PGPASSWORD`, or the variable the configuration
/// names), never from the store or a log; a password written in the URL is refused, since URLs
/// end up in shell histories and process lists.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String

    /// Whether a store argument names PostgreSQL rather than a SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Parses a URL.
    ///
    /// - Throws: ``PostgresStoreError`` quoting what is wrong (the password never quoted).
    public init(_ text: String) throws(PostgresStoreError) {
        guard let scheme = text.range(of: "://"), Self.isPostgres(text) else {
            throw .badURL(text, reason: "it must start with postgresql://")
        }
        var rest = Substring(text[scheme.upperBound...])
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        guard let at = rest.lastIndex(of: "@") else {
            throw .badURL(text, reason: "it names no user (postgresql://user@host:port/database)")
        }
        let credentials = rest[..<at]
        if credentials.contains(":") {
            throw .badURL(
                String(text[..<scheme.upperBound]) + credentials.prefix { $0 != ":" } + ":***" + rest[at...],
                reason: "a password in the URL is refused: set PGPASSWORD (or the variable `store_password_env` names) instead")
        }
        user = String(credentials).removingPercentEncoding ?? String(credentials)
        let afterAt = rest[rest.index(after: at)...]
        guard let slash = afterAt.firstIndex(of: "/"), !afterAt[afterAt.index(after: slash)...].isEmpty else {
            throw .badURL(text, reason: "it names no database (postgresql://user@host:port/database)")
        }
        database = String(afterAt[afterAt.index(after: slash)...])
        let address = afterAt[..<slash]
        if let colon = address.lastIndex(of: ":"), !address.hasSuffix("]") {
            guard let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port) else {
                throw .badURL(text, reason: "port '\(address[address.index(after: colon)...])' is not a number from 1 to 65535")
            }
            self.port = port
            host = String(address[..<colon])
        } else {
            port = 5432
            host = String(address)
        }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !user.isEmpty, !host.isEmpty else { throw .badURL(text, reason: "the user or the host is empty") }
    }

    public var description: String { "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }
}
