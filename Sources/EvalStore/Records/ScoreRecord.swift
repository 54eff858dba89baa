/// A row of `score`: one scorer's verdict on one sample.
public struct ScoreRecord: Codable, Sendable, Equatable, StoredRecord {
    static let table = "score"
    static let columns = "sampleID, scorer, value, passed, details"
    public var sampleID: Int64
    public var scorer: String
    public var value: Double
    /// `nil` when the scorer could not judge the sample.
    public var passed: Bool?
    /// A JSON object.
    public var details: String
}

extension ScoreRecord {
    init(row: SQLRow) {
        self.init(sampleID: row[0], scorer: row[1], value: row[2], passed: row[3], details: row[4])
    }

}
