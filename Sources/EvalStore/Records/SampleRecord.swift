/// A row of `sample`: one request of one run, with its output or its infrastructure error.
public struct SampleRecord: Codable, Sendable, Equatable, StoredRecord {
    static let table = "sample"
    static let columns =
        "id, runID, platformID, suiteID, caseID, sampleIndex, promptHash, seed, routingKey, output, finishReason, latency, attempts, errorClass, errorMessage, servedBy, reportedModel, systemFingerprint, completionTokens, createdAt, timeToFirstToken, interTokenGap, promptTokens, toolCalls"
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
}

extension SampleRecord {
    init(row: SQLRow) {
        self.init(
            id: row[0], runID: row[1], platformID: row[2], suiteID: row[3], caseID: row[4], sampleIndex: row[5], promptHash: row[6],
            seed: row[7], routingKey: row[8], output: row[9], finishReason: row[10], latency: row[11], attempts: row[12],
            errorClass: row[13], errorMessage: row[14], servedBy: row[15], reportedModel: row[16], systemFingerprint: row[17],
            completionTokens: row[18], createdAt: row[19], timeToFirstToken: row[20], interTokenGap: row[21], promptTokens: row[22],
            toolCalls: row[23])
    }

}
