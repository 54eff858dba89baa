import GRDB

/// A row of `alert`: one stream's regression, from the run that opened it until it resolved.
public struct AlertRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "alert"

    public enum Status: String, Codable, Sendable {
        case open
        case resolved
    }

    public var id: Int64?
    public var platform: String
    public var suite: String
    public var metric: String
    public var openedAt: Double
    public var resolvedAt: Double?
    public var status: Status
    public var openedRunID: Int64?
    /// A JSON object: the detector's figures when the alert opened.
    public var evidence: String

    public init(
        id: Int64? = nil, platform: String, suite: String, metric: String, openedAt: Double, resolvedAt: Double? = nil,
        status: Status, openedRunID: Int64?, evidence: String
    ) {
        self.id = id
        self.platform = platform
        self.suite = suite
        self.metric = metric
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.status = status
        self.openedRunID = openedRunID
        self.evidence = evidence
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
