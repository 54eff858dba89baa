import EvalCore

extension ResultStore {
    /// A shard's place in its run, as ``joinShardedRun(key:shard:planFingerprint:configuration:suites:provenance:startedAt:storingTokens:)``
    /// found it.
    public enum ShardJoin: Sendable {
        /// The shard takes part: its recorder, the run's start (every shard plans with the first
        /// one's routing keys) and the samples of the run already stored.
        case joined(RunRecorder, startedAt: Double, stored: Set<SampleKey>)
        /// Every shard of the run had already finished: nothing to do.
        case alreadyComplete(runID: Int64)
    }

    /// A shard's end, as ``finishShard(runID:shard:ending:endedAt:)`` recorded it.
    public struct ShardFinish: Sendable, Equatable {
        /// Shards of the run that have completed, this one included when it did.
        public var completeShards: Int
        /// The run's shard count.
        public var shards: Int
        /// Whether this call completed the run (exactly one shard's call does).
        public var completedRun: Bool

        public init(completeShards: Int, shards: Int, completedRun: Bool) {
            self.completeShards = completeShards
            self.shards = shards
            self.completedRun = completedRun
        }
    }

    /// Joins the run named `key`, creating it when this is the first shard to start, in one write
    /// transaction (the first of several shards starting at once creates it, the others find it).
    ///
    /// Call it only while holding the store's shared lock and this shard's lock
    /// (``StoreLock/shard(storePath:runKey:shard:)``): they prove that no unsharded sweep runs and
    /// that no other process runs this shard.
    /// - Parameters:
    ///   - planFingerprint: ``SweepPlan/fingerprint`` of the whole run's plan: every shard's must match.
    ///   - startedAt: This process's start; the run keeps the first shard's.
    /// - Throws: ``ShardMismatch`` when the run was created with another shard count or another plan.
    public func joinShardedRun(
        key: String, shard: Shard, planFingerprint: String, configuration: EvalConfiguration, suites: [Suite], provenance: Provenance,
        startedAt: Double, storingTokens: Bool = true
    ) async throws -> ShardJoin {
        try await database.write { db in
            let (platformIDs, suiteIDs) = try Self.register(configuration: configuration, suites: suites, db)
            let runID: Int64
            var runStartedAt = startedAt
            if let row = try SQLRow.fetchOne(
                db, sql: "SELECT id, status, shards, planFingerprint, startedAt FROM run WHERE runKey = ?", arguments: [key])
            {
                runID = row["id"]
                let shards: Int? = row["shards"]
                let fingerprint: String? = row["planFingerprint"]
                guard shards == shard.count else {
                    throw ShardMismatch(
                        "run '\(key)' (run \(runID)) has \(shards.map(String.init) ?? "no") shards; this worker was started as shard \(shard)")
                }
                guard fingerprint == planFingerprint else {
                    throw ShardMismatch(
                        "run '\(key)' (run \(runID)) was planned from another configuration, suites or seed (plan \(fingerprint ?? "none"), this worker's \(planFingerprint)): every shard of a run must use the same ones"
                    )
                }
                runStartedAt = row["startedAt"]
                if (row["status"] as String) == RunRecord.Status.complete.rawValue { return .alreadyComplete(runID: runID) }
                try db.execute(sql: "UPDATE run SET status = 'running', endedAt = NULL WHERE id = ?", arguments: [runID])
            } else {
                var run = RunRecord(
                    startedAt: startedAt, status: .running, evalctlVersion: provenance.evalctlVersion, gitCommit: provenance.gitCommit,
                    gitDirty: provenance.gitDirty, configHash: configuration.contentHash, host: provenance.host
                )
                try run.insert(db)
                runID = run.id ?? 0
                try db.execute(
                    sql: "UPDATE run SET runKey = ?, shards = ?, planFingerprint = ? WHERE id = ?",
                    arguments: [key, shard.count, planFingerprint, runID])
            }
            try db.execute(
                sql: """
                    INSERT INTO run_shard (runID, shard, status, startedAt, host) VALUES (?, ?, 'running', ?, ?)
                    ON CONFLICT (runID, shard) DO UPDATE SET status = 'running', startedAt = excluded.startedAt, endedAt = NULL,
                        host = excluded.host, starts = run_shard.starts + 1
                    """,
                arguments: [runID, shard.index, startedAt, provenance.host])
            let stored = try Self.sampleKeys(runID: runID, db)
            let recorder = RunRecorder(store: self, runID: runID, platformIDs: platformIDs, suiteIDs: suiteIDs, storesTokens: storingTokens)
            return .joined(recorder, startedAt: runStartedAt, stored: stored)
        }
    }

    /// Records how a shard ended.
    ///
    /// When it completed and every other shard of the run had too, the
    /// run is marked complete and its tallies written, in the same transaction: of shards finishing
    /// at once exactly one sees the run complete, and only that one runs detection.
    public func finishShard(runID: Int64, shard: Shard, ending: RunEnding, endedAt: Double) async throws -> ShardFinish {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE run_shard SET status = ?, endedAt = ? WHERE runID = ? AND shard = ?",
                arguments: [RunRecord.Status(ending).rawValue, endedAt, runID, shard.index])
            let complete =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run_shard WHERE runID = ? AND status = 'complete'", arguments: [runID]) ?? 0
            let status = try String.fetchOne(db, sql: "SELECT status FROM run WHERE id = ?", arguments: [runID])
            guard ending == .complete, complete == shard.count, status != RunRecord.Status.complete.rawValue else {
                return ShardFinish(completeShards: complete, shards: shard.count, completedRun: false)
            }
            try db.execute(sql: "UPDATE run SET status = 'complete', endedAt = ? WHERE id = ?", arguments: [endedAt, runID])
            try Self.writeTallies(db, runID: runID)
            return ShardFinish(completeShards: complete, shards: shard.count, completedRun: true)
        }
    }

    /// The shards of a sharded run that have started, with their status (`evalctl runs`, tests).
    public func shardStatuses(runID: Int64) throws -> [(shard: Int, status: String, starts: Int)] {
        try database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT shard, status, starts FROM run_shard WHERE runID = ? ORDER BY shard", arguments: [runID]).map {
                ($0["shard"], $0["status"], $0["starts"])
            }
        }
    }

    /// The run a key names, if any.
    public func runID(forKey key: String) throws -> Int64? {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE runKey = ?", arguments: [key]) }
    }

    static func sampleKeys(runID: Int64, _ db: any SQLSession) throws -> Set<SampleKey> {
        let rows = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT platform.name AS platform, suite.suiteKey AS suite, sample.caseID, sample.sampleIndex
                FROM sample JOIN platform ON platform.id = sample.platformID JOIN suite ON suite.id = sample.suiteID
                WHERE sample.runID = ?
                """, arguments: [runID])
        return Set(rows.map { SampleKey(platform: $0[0], suiteID: $0[1], caseID: $0[2], sampleIndex: $0[3]) })
    }
}

/// A shard that cannot join its run: another shard count or another plan.
public struct ShardMismatch: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) {
        self.description = description
    }
}
