import GRDB

/// A row of `suite`: one version of one suite.
public struct SuiteRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "suite"
    public var id: Int64?
    public var suiteKey: String
    public var version: Int
    public var description: String

    public enum Columns {
        public static let suiteKey = Column(CodingKeys.suiteKey)
        public static let version = Column(CodingKeys.version)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
