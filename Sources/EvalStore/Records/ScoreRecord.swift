import GRDB

/// A row of `score`: one scorer's verdict on one sample.
public struct ScoreRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "score"
    public var sampleID: Int64
    public var scorer: String
    public var value: Double
    /// `nil` when the scorer could not judge the sample.
    public var passed: Bool?
    /// A JSON object.
    public var details: String

    public enum Columns {
        public static let sampleID = Column(CodingKeys.sampleID)
        public static let scorer = Column(CodingKeys.scorer)
    }
}
