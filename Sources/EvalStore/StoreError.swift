/// A problem with the store: a file that is not an evalctl database, or one from a newer evalctl.
public struct StoreError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case notADatabase(String)
        case newerSchema
        case locked
        case notFound(String)
        case cannotCreate(String)
        case corrupt(String)
    }

    private let code: Code
    /// The database file.
    public let path: String

    private init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    static func notADatabase(path: String, reason: String) -> Self { Self(.notADatabase(reason), path: path) }
    static func newerSchema(path: String) -> Self { Self(.newerSchema, path: path) }
    static func locked(path: String) -> Self { Self(.locked, path: path) }
    static func notFound(_ what: String, path: String) -> Self { Self(.notFound(what), path: path) }
    static func cannotCreate(path: String, reason: String) -> Self { Self(.cannotCreate(reason), path: path) }
    static func corrupt(_ what: String, path: String) -> Self { Self(.corrupt(what), path: path) }

    /// Whether another sweep holds the store.
    public var isLocked: Bool { code == .locked }
    /// Whether the file is unusable as a store (corrupt, foreign or newer).
    public var isBadDatabase: Bool {
        switch code {
        case .notADatabase, .newerSchema, .corrupt: true
        default: false
        }
    }
    /// Whether a looked-up record does not exist.
    public var isNotFound: Bool {
        if case .notFound = code { true } else { false }
    }

    public var description: String {
        switch code {
        case .notADatabase(let reason):
            "\(path): not a usable evalctl database (\(reason)); nothing was changed"
        case .newerSchema:
            "\(path): written by a newer evalctl (unknown migrations); upgrade evalctl to use it"
        case .locked:
            "\(path): another sweep holds the store (lock file \(path).lock); wait for it to finish"
        case .notFound(let what):
            "\(path): \(what) not found"
        case .cannotCreate(let reason):
            "\(path): cannot create the store: \(reason)"
        case .corrupt(let what):
            "\(path): corrupt \(what)"
        }
    }
}
