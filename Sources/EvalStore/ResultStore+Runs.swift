import EvalCore
import GRDB

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
        try await writer.write { db in
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
    static func register(configuration: EvalConfiguration, suites: [Suite], _ db: Database) throws -> (
        platforms: [String: Int64], suites: [String: Int64]
    ) {
        var platformIDs: [String: Int64] = [:]
        for platform in configuration.platforms {
            var record = PlatformRecord(
                id: nil, name: platform.name, protocol: platform.wireProtocol.rawValue, baseURL: platform.baseURL,
                model: platform.model, isReference: platform.name == configuration.reference
            )
            if let existing = try PlatformRecord.filter(PlatformRecord.Columns.name == platform.name).fetchOne(db) {
                record.id = existing.id
                try record.update(db)
            } else {
                try record.insert(db)
            }
            platformIDs[platform.name] = record.id
        }
        var suiteIDs: [String: Int64] = [:]
        for suite in suites {
            if let existing = try SuiteRecord.filter(SuiteRecord.Columns.suiteKey == suite.id && SuiteRecord.Columns.version == suite.version)
                .fetchOne(db)
            {
                suiteIDs[suite.id] = existing.id
            } else {
                var record = SuiteRecord(id: nil, suiteKey: suite.id, version: suite.version, description: suite.description)
                try record.insert(db)
                suiteIDs[suite.id] = record.id
            }
        }
        return (platformIDs, suiteIDs)
    }

    /// Marks a run finished and writes its tallies (per case and per run counts of each metric).
    public func finishRun(_ runID: Int64, status: RunRecord.Status, endedAt: Double) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE run SET status = ?, endedAt = ? WHERE id = ?", arguments: [status.rawValue, endedAt, runID])
            try Self.writeTallies(db, runID: runID)
        }
    }

    /// All runs, newest first.
    public func runs(limit: Int = 50) throws -> [RunSummary] {
        try writer.read { db in
            try RunSummary.fetchAll(
                db,
                sql: """
                    SELECT run.*, 
                           (SELECT COUNT(*) FROM sample WHERE sample.runID = run.id) AS samples,
                           (SELECT COUNT(*) FROM sample WHERE sample.runID = run.id AND sample.errorClass IS NOT NULL) AS errors,
                           (SELECT COUNT(*) FROM run_shard WHERE run_shard.runID = run.id AND run_shard.status = 'complete') AS completeShards
                    FROM run ORDER BY run.id DESC LIMIT ?
                    """,
                arguments: [limit]
            )
        }
    }

    /// One run.
    public func run(id: Int64) throws -> RunRecord? {
        try writer.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The newest run, if any.
    public func latestRun() throws -> RunRecord? {
        try writer.read { db in try RunRecord.order(RunRecord.Columns.id.desc).fetchOne(db) }
    }
}

/// A run with its sample counts, for `evalctl runs`.
public struct RunSummary: Decodable, Sendable, FetchableRecord {
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
}

extension ResultStore {
    /// Marks runs left `running` by sweeps that died as `incomplete`.
    ///
    /// Call it only while holding the ``StoreLock``, which proves that no sweep is running.
    /// - Returns: How many runs were marked.
    @discardableResult
    public func markAbandonedRunsIncomplete() throws -> Int {
        try writer.write { db in
            try db.execute(sql: "UPDATE run SET status = 'incomplete' WHERE status = 'running'")
            return db.changesCount
        }
    }
}
