/// What went wrong with a PostgreSQL store, quoting the store's URL (never its password).
public struct PostgresStoreError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The URL does not parse: bad input.
        case badURL
        /// The server cannot be reached, refused the login, or went away: an infrastructure error.
        case unavailable
        /// The server refused a statement: the store is not one this evalctl can use.
        case refused
    }

    public let kind: Kind
    public let description: String

    static func badURL(_ url: String, reason: String) -> Self {
        Self(kind: .badURL, description: "\(url.prefix(200)): not a PostgreSQL store URL: \(reason)")
    }

    static func unavailable(_ url: PostgresURL, _ reason: String) -> Self {
        Self(
            kind: .unavailable,
            description:
                "\(url): PostgreSQL is unavailable (\(reason)); every sample committed before this point is kept; sweep again once it is back")
    }

    static func refused(_ url: PostgresURL, _ reason: String) -> Self {
        Self(kind: .refused, description: "\(url): PostgreSQL refused a statement of evalctl's: \(reason)")
    }
}
