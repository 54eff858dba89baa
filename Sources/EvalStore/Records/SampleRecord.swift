import GRDB

/// A row of `sample`: one request of one run, with its output or its infrastructure error.
public struct SampleRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sample"
    public var id: Int64?
    public var runID: Int64
    public var platformID: Int64
    public var suiteID: Int64
    public var caseID: String
    public var sampleIndex: Int
    public var promptHash: String
    public var seed: Int64
    public var routingKey: String?
    public var output: String?
    public var finishReason: String?
    public var latency: Double
    public var attempts: Int
    public var errorClass: String?
    public var errorMessage: String?
    public var servedBy: String?
    public var reportedModel: String?
    public var systemFingerprint: String?
    public var completionTokens: Int?
    public var createdAt: Double
    /// Seconds to the first text of a streamed answer; `nil` when it was not streamed.
    public var timeToFirstToken: Double? = nil
    /// The median seconds between a streamed answer's text events.
    public var interTokenGap: Double? = nil
    /// Tokens of the prompt, as the platform reported them.
    public var promptTokens: Int? = nil
    /// The answer's tool calls as a JSON array of `{"name", "arguments"}` (arguments as the API
    /// returned their text); `nil` without calls.
    public var toolCalls: String? = nil

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let runID = Column(CodingKeys.runID)
        public static let platformID = Column(CodingKeys.platformID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
