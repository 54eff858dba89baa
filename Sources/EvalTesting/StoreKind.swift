import EvalPostgres
import EvalStore
import Foundation
import GRDB

/// The two stores every store test runs on.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }

    /// A new empty store's location: a SQLite file in a fresh temp folder, or a fresh database
    /// on the test cluster.
    public func newLocation(_ purpose: String) throws -> String {
        switch self {
        case .sqlite:
            FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-\(purpose)-\(UUID().uuidString)/evalctl.sqlite").path
        case .postgresql: try PostgresCluster.freshDatabase(purpose)
        }
    }

    /// A new empty, migrated store (SQLite in memory).
    public func newStore(_ purpose: String) throws -> ResultStore {
        switch self {
        case .sqlite: try ResultStore(writer: DatabaseQueue())
        case .postgresql: try Self.open(try newLocation(purpose), access: .readWrite)
        }
    }

    /// Opens a store by location, as the command line does.
    public static func open(_ location: String, access: ResultStore.Access = .readOnly) throws -> ResultStore {
        guard PostgresURL.isPostgres(location) else { return try ResultStore(path: location, access: access) }
        return ResultStore(database: try PostgresDatabase(url: PostgresURL(location), password: nil, createIfMissing: access == .readWrite))
    }
}
