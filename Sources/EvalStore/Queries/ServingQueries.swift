import EvalCore

/// A metric's verdicts on the samples one serving pool answered.
public struct PoolTally: Sendable, Equatable {
    /// The pool, from the middle of `platform/pool/replica` served-by values (the whole value
    /// when it has another shape; `unknown` when the platform named none).
    public var pool: String
    /// Samples with a verdict.
    public var judged: Int
    /// Samples that failed.
    public var failed: Int
    /// Replicas of the pool that answered, and those with at least one failure.
    public var replicas: Int
    public var failingReplicas: Int

    public init(pool: String, judged: Int, failed: Int, replicas: Int = 0, failingReplicas: Int = 0) {
        self.pool = pool
        self.judged = judged
        self.failed = failed
        self.replicas = replicas
        self.failingReplicas = failingReplicas
    }

    /// The pool named by a served-by value.
    public static func pool(servedBy: String?) -> String {
        guard let servedBy, !servedBy.isEmpty else { return "unknown" }
        let parts = servedBy.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[1]) : servedBy
    }
}

extension ResultStore {
    /// A platform's verdicts on a metric over a range of runs, by the pool that served each
    /// sample: where a fault lives when only some replicas or pools have it.
    ///
    /// - Parameters:
    ///   - platform: The platform.
    ///   - metric: The scorer.
    ///   - runs: The runs, by id.
    /// - Returns: One tally per pool, most failures first.
    public func poolTallies(platform: String, metric: String, runs: ClosedRange<Int64>) throws -> [PoolTally] {
        try database.read { db in
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT s.servedBy, COUNT(*), SUM(CASE WHEN sc.passed = 0 THEN 1 ELSE 0 END) FROM sample s
                    JOIN platform p ON p.id = s.platformID
                    JOIN score sc ON sc.sampleID = s.id AND sc.scorer = ?
                    WHERE p.name = ? AND s.runID BETWEEN ? AND ? AND sc.passed IS NOT NULL
                    GROUP BY s.servedBy
                    """,
                arguments: [metric, platform, runs.lowerBound, runs.upperBound]
            )
            var byPool: [String: PoolTally] = [:]
            for row in rows {
                let pool = PoolTally.pool(servedBy: row[0])
                let failed: Int = row[2]
                var tally = byPool[pool] ?? PoolTally(pool: pool, judged: 0, failed: 0)
                tally.judged += row[1] as Int
                tally.failed += failed
                tally.replicas += 1
                if failed > 0 { tally.failingReplicas += 1 }
                byPool[pool] = tally
            }
            return byPool.values.sorted { ($0.failed, $0.judged, $1.pool) > ($1.failed, $1.judged, $0.pool) }
        }
    }
}
