import EvalCore

extension ResultStore {
    /// Identity of the evalctl build that writes a run.
    public struct Provenance: Sendable {
        public var evalctlVersion: String
        public var gitCommit: String?
        public var gitDirty: Bool?
        public var host: String?
        public init(evalctlVersion: String, gitCommit: String?, gitDirty: Bool?, host: String?) {
            self.evalctlVersion = evalctlVersion
            self.gitCommit = gitCommit
            self.gitDirty = gitDirty
            self.host = host
        }
    }

    /// Starts a run: marks runs left `running` by dead sweeps as `incomplete`, registers the
    /// platforms and suites, and inserts the new run.
    ///
    /// Call it only while holding the ``StoreLock``: that is what proves no other sweep is running.
    /// - Parameter storingTokens: Keep each sample's token stream (`evalctl show --tokens`); a long
    ///   simulation turns it off, since the streams are most of a store's size.
    /// - Returns: A recorder that stores the run's samples.
    public func beginRun(
        configuration: EvalConfiguration, suites: [Suite], provenance: Provenance, startedAt: Double, storingTokens: Bool = true
    ) async throws -> RunRecorder {
        try await database.write { db in
            try db.execute(sql: "UPDATE run SET status = 'incomplete' WHERE status = 'running'")
            let (platformIDs, suiteIDs) = try Self.register(configuration: configuration, suites: suites, db)
            var run = RunRecord(
                startedAt: startedAt, status: .running, evalctlVersion: provenance.evalctlVersion,
                gitCommit: provenance.gitCommit, gitDirty: provenance.gitDirty, configHash: configuration.contentHash,
                host: provenance.host
            )
            try run.insert(db)
            return RunRecorder(store: self, runID: run.id ?? 0, platformIDs: platformIDs, suiteIDs: suiteIDs, storesTokens: storingTokens)
        }
    }

    /// Registers (or updates) the configuration's platforms and the suites' versions.
    ///
    /// - Returns: Their row ids by name.
    static func register(configuration: EvalConfiguration, suites: [Suite], _ db: any SQLSession) throws -> (
        platforms: [String: Int64], suites: [String: Int64]
    ) {
        var platformIDs: [String: Int64] = [:]
        for platform in configuration.platforms {
            var record = PlatformRecord(
                id: nil, name: platform.name, protocol: platform.wireProtocol.rawValue, baseURL: platform.baseURL,
                model: platform.model, isReference: platform.name == configuration.reference
            )
            let arguments: SQLArguments = [record.protocol, record.baseURL, record.model, record.isReference, record.name]
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platform.name]) {
                try db.execute(
                    sql: "UPDATE platform SET protocol = ?, baseURL = ?, model = ?, isReference = ? WHERE name = ?", arguments: arguments)
                record.id = id
            } else {
                record.id = try db.insert(
                    sql: "INSERT INTO platform (protocol, baseURL, model, isReference, name) VALUES (?, ?, ?, ?, ?)", arguments: arguments)
            }
            platformIDs[platform.name] = record.id
        }
        var suiteIDs: [String: Int64] = [:]
        for suite in suites {
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM suite WHERE suiteKey = ? AND version = ?", arguments: [suite.id, suite.version])
            {
                suiteIDs[suite.id] = id
            } else {
                suiteIDs[suite.id] = try db.insert(
                    sql: "INSERT INTO suite (suiteKey, version, description) VALUES (?, ?, ?)",
                    arguments: [suite.id, suite.version, suite.description])
            }
        }
        return (platformIDs, suiteIDs)
    }

    /// Marks a run finished and writes its tallies (per case and per run counts of each metric).
    public func finishRun(_ runID: Int64, status: RunRecord.Status, endedAt: Double) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE run SET status = ?, endedAt = ? WHERE id = ?", arguments: [status.rawValue, endedAt, runID])
            try Self.writeTallies(db, runID: runID)
        }
    }

    /// All runs, newest first.
    public func runs(limit: Int = 50) throws -> [RunSummary] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT run.id, run.startedAt, run.endedAt, run.status, run.evalctlVersion, run.gitCommit, run.gitDirty, run.configHash,
                           run.runKey, run.shards,
                           (SELECT COUNT(*) FROM sample WHERE sample.runID = run.id) AS samples,
                           (SELECT COUNT(*) FROM sample WHERE sample.runID = run.id AND sample.errorClass IS NOT NULL) AS errors,
                           (SELECT COUNT(*) FROM run_shard WHERE run_shard.runID = run.id AND run_shard.status = 'complete') AS completeShards
                    FROM run ORDER BY run.id DESC LIMIT ?
                    """,
                arguments: [limit]
            ).map(RunSummary.init(row:))
        }
    }

    /// One run.
    public func run(id: Int64) throws -> RunRecord? {
        try database.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The newest run, if any.
    public func latestRun() throws -> RunRecord? {
        try database.read { db in try RunRecord.fetchAll(db, where: "1 = 1 ORDER BY id DESC LIMIT 1").first }
    }
}

/// A run with its sample counts, for `evalctl runs`.
public struct RunSummary: Sendable {
    public var id: Int64
    public var startedAt: Double
    public var endedAt: Double?
    public var status: RunRecord.Status
    public var evalctlVersion: String
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var configHash: String
    public var samples: Int
    public var errors: Int
    /// A sharded run's key (`nil` for an unsharded run).
    public var runKey: String?
    /// A sharded run's shard count, and how many of its shards have completed.
    public var shards: Int?
    public var completeShards: Int

    init(row: SQLRow) {
        id = row[0]
        startedAt = row[1]
        endedAt = row[2]
        status = RunRecord.Status(rawValue: row[3]) ?? .incomplete
        evalctlVersion = row[4]
        gitCommit = row[5]
        gitDirty = row[6]
        configHash = row[7]
        runKey = row[8]
        shards = row[9]
        samples = row[10]
        errors = row[11]
        completeShards = row[12]
    }
}

extension ResultStore {
    /// Marks runs left `running` by sweeps that died as `incomplete`.
    ///
    /// Call it only while holding the ``StoreLock``, which proves that no sweep is running.
    /// - Returns: How many runs were marked.
    @discardableResult
    public func markAbandonedRunsIncomplete() throws -> Int {
        try database.write { db in try db.execute(sql: "UPDATE run SET status = 'incomplete' WHERE status = 'running'") }
    }
}
