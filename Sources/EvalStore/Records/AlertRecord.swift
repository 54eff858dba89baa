/// A row of `alert`: one stream's regression, from the run that opened it until it resolved.
public struct AlertRecord: Codable, Sendable, Equatable, StoredRecord {
    static let table = "alert"
    static let columns = "id, platform, suite, metric, openedAt, resolvedAt, status, openedRunID, evidence"

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

    init(row: SQLRow) {
        self.init(
            id: row[0], platform: row[1], suite: row[2], metric: row[3], openedAt: row[4], resolvedAt: row[5],
            status: Status(rawValue: row[6]) ?? .open, openedRunID: row[7], evidence: row[8])
    }

    /// Inserts the alert and sets its `id`.
    mutating func insert(_ db: any SQLSession) throws {
        id = try db.insert(
            sql: "INSERT INTO alert (platform, suite, metric, openedAt, resolvedAt, status, openedRunID, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [platform, suite, metric, openedAt, resolvedAt, status.rawValue, openedRunID, evidence])
    }

    /// Writes the alert's status and resolution time.
    func updateStatus(_ db: any SQLSession) throws {
        try db.execute(sql: "UPDATE alert SET status = ?, resolvedAt = ? WHERE id = ?", arguments: [status.rawValue, resolvedAt, id])
    }

}
