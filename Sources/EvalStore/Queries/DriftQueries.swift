import EvalCore

extension ResultStore {
    /// Counts of each drift metric's verdicts per platform and suite in a run.
    ///
    /// For `drift-self`, whose every token is judged against the platform's own report, the tokens
    /// judged and broken come too (from each score's `judged` and `violations`).
    ///
    /// - Parameter runID: The run.
    public func driftTallies(runID: Int64) throws -> [DriftTally] {
        try database.read { db in
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT p.name, su.suiteKey, sc.scorer,
                           COUNT(sc.passed), SUM(CASE WHEN sc.passed = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN sc.passed IS NULL THEN 1 ELSE 0 END),
                           SUM(CASE WHEN sc.scorer = 'drift-self' AND sc.passed IS NOT NULL
                                    THEN COALESCE(\(db.dialect.jsonNumber("sc.details", key: "judged")), 0) ELSE 0 END),
                           SUM(CASE WHEN sc.scorer = 'drift-self' AND sc.passed IS NOT NULL
                                    THEN COALESCE(\(db.dialect.jsonNumber("sc.details", key: "violations")), 0) ELSE 0 END)
                    FROM score sc
                    JOIN sample s ON s.id = sc.sampleID
                    JOIN platform p ON p.id = s.platformID
                    JOIN suite su ON su.id = s.suiteID
                    WHERE s.runID = ? AND sc.scorer LIKE 'drift-%'
                    GROUP BY p.name, su.suiteKey, sc.scorer
                    """,
                arguments: [runID]
            )
            return rows.compactMap { row in
                guard let metric = DriftMetric(rawValue: row[2]) else { return nil }
                return DriftTally(
                    platform: row[0], suite: row[1], metric: metric, judged: row[3], failed: row[4], unavailable: row[5], tokensJudged: row[6],
                    tokensFailed: row[7])
            }
        }
    }

    /// The outputs of a run's completed samples, for distribution tests.
    ///
    /// - Parameter runID: The run.
    public func sampleOutputs(runID: Int64) throws -> [SampleOutput] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT p.name, su.suiteKey, s.caseID, s.output, CASE WHEN t.sampleID IS NOT NULL THEN 1 ELSE 0 END
                    FROM sample s
                    JOIN platform p ON p.id = s.platformID
                    JOIN suite su ON su.id = s.suiteID
                    LEFT JOIN sample_tokens t ON t.sampleID = s.id
                    WHERE s.runID = ? AND s.output IS NOT NULL
                    ORDER BY s.id
                    """,
                arguments: [runID]
            ).map { SampleOutput(platform: $0[0], suite: $0[1], caseID: $0[2], output: $0[3], hasTokens: $0[4]) }
        }
    }

    /// The platform marked as reference by the latest sweep.
    public func referencePlatform() throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT name FROM platform WHERE isReference = 1 ORDER BY id LIMIT 1") }
    }

    /// The latest run's id.
    public func latestRunID() throws -> Int64? {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run") }
    }

    /// The latest run that finished every request (status `complete`), and the runs after it that
    /// did not: still running, killed, interrupted or failed.
    public func latestCompleteRun() throws -> (id: Int64?, skipped: [(id: Int64, status: String)]) {
        try database.read { db in
            let complete = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run WHERE status = 'complete'")
            let later = try SQLRow.fetchAll(db, sql: "SELECT id, status FROM run WHERE id > ? ORDER BY id", arguments: [complete ?? 0])
            return (complete, later.map { ($0[0], $0[1]) })
        }
    }

    /// Per-sample values of a drift metric across runs, for calibration.
    ///
    /// - Parameters:
    ///   - runIDs: The runs.
    ///   - platforms: Platforms to include (all when empty).
    ///   - metric: The metric.
    /// - Returns: Each judged sample's value, verdict and details.
    ///
    /// With `includeUnjudged`, scores stored without a verdict because no calibration judged them (a
    /// log-probability gap against a new reference) come too, as passed: calibration reads their values.
    /// Scores unavailable for another reason (a failed replay) never do.
    public func driftScores(runIDs: [Int64], platforms: [String], metric: DriftMetric, includeUnjudged: Bool = false) throws -> [(
        value: Double, passed: Bool, details: String
    )] {
        try database.read { db in
            var sql = """
                SELECT sc.value, sc.passed, sc.details FROM score sc
                JOIN sample s ON s.id = sc.sampleID JOIN platform p ON p.id = s.platformID
                WHERE sc.scorer = ? AND (sc.passed IS NOT NULL OR (? = 1 AND sc.details LIKE '%"unavailable":"uncalibrated%')) AND s.runID IN (\(runIDs.map { _ in "?" }.joined(separator: ",")))
                """
            var arguments: [(any SQLBindable)?] = [metric.rawValue, includeUnjudged] + runIDs
            if !platforms.isEmpty {
                sql += " AND p.name IN (\(platforms.map { _ in "?" }.joined(separator: ",")))"
                arguments += platforms
            }
            return try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(arguments)).map { ($0[0], ($0[1] as Bool?) ?? true, $0[2]) }
        }
    }
}
