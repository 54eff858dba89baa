import EvalCore

/// A row of `run`: one sweep.
public struct RunRecord: Codable, Sendable, Equatable, StoredRecord {
    static let table = "run"
    static let columns = "id, startedAt, endedAt, status, evalctlVersion, gitCommit, gitDirty, configHash, host"

    /// The state of a run.
    public enum Status: String, Codable, Sendable {
        /// A sweep is writing it (or died without marking it).
        case running
        /// Every request was made and stored.
        case complete
        /// The sweep stopped before the end (crash, kill, interrupt).
        case incomplete
        /// The sweep gave up on an error of its own (not a backend failure).
        case failed
    }

    public var id: Int64?
    public var startedAt: Double
    public var endedAt: Double?
    public var status: Status
    public var evalctlVersion: String
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var configHash: String
    public var host: String?

    /// Creates a run record.
    public init(
        id: Int64? = nil, startedAt: Double, endedAt: Double? = nil, status: Status, evalctlVersion: String,
        gitCommit: String?, gitDirty: Bool?, configHash: String, host: String?
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.evalctlVersion = evalctlVersion
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.configHash = configHash
        self.host = host
    }

    init(row: SQLRow) {
        self.init(
            id: row[0], startedAt: row[1], endedAt: row[2], status: Status(rawValue: row[3]) ?? .incomplete, evalctlVersion: row[4],
            gitCommit: row[5], gitDirty: row[6], configHash: row[7], host: row[8])
    }

    /// Inserts the run and sets its `id`.
    mutating func insert(_ db: any SQLSession) throws {
        id = try db.insert(
            sql:
                "INSERT INTO run (startedAt, endedAt, status, evalctlVersion, gitCommit, gitDirty, configHash, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [startedAt, endedAt, status.rawValue, evalctlVersion, gitCommit, gitDirty, configHash, host])
    }

}

extension RunRecord.Status {
    /// The stored status of a run that ended so.
    public init(_ ending: RunEnding) {
        switch ending {
        case .complete: self = .complete
        case .incomplete: self = .incomplete
        case .failed: self = .failed
        }
    }
}
