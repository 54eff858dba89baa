import GRDB

/// A row of `platform`: a named backend, kept across runs.
public struct PlatformRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "platform"
    public var id: Int64?
    public var name: String
    public var `protocol`: String
    public var baseURL: String
    public var model: String
    public var isReference: Bool

    public enum Columns {
        public static let name = Column(CodingKeys.name)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
