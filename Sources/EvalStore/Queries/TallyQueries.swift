import EvalCore

extension ResultStore {
    /// Writes a finished run's `case_tally` and `run_tally` rows (replacing any).
    ///
    /// Every scorer is a metric (judged: a verdict; failed: `passed = 0`; unavailable: no verdict),
    /// and so is ``MetricTally/infraMetric`` (judged: every request; failed: an error class).
    static func writeTallies(_ db: any SQLSession, runID: Int64) throws {
        try db.execute(sql: "DELETE FROM case_tally WHERE runID = ?", arguments: [runID])
        try db.execute(sql: "DELETE FROM run_tally WHERE runID = ?", arguments: [runID])
        try db.execute(
            sql: """
                INSERT INTO case_tally (runID, platformID, suiteID, caseID, metric, judged, failed, unavailable)
                SELECT s.runID, s.platformID, s.suiteID, s.caseID, sc.scorer,
                       COUNT(sc.passed), SUM(CASE WHEN sc.passed = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN sc.passed IS NULL THEN 1 ELSE 0 END)
                FROM sample s JOIN score sc ON sc.sampleID = s.id
                WHERE s.runID = ?
                GROUP BY s.runID, s.platformID, s.suiteID, s.caseID, sc.scorer
                """,
            arguments: [runID]
        )
        try db.execute(
            sql: """
                INSERT INTO case_tally (runID, platformID, suiteID, caseID, metric, judged, failed, unavailable)
                SELECT s.runID, s.platformID, s.suiteID, s.caseID, ?, COUNT(*), COUNT(s.errorClass), 0
                FROM sample s
                WHERE s.runID = ?
                GROUP BY s.runID, s.platformID, s.suiteID, s.caseID
                """,
            arguments: [MetricTally.infraMetric, runID]
        )
        try db.execute(
            sql: """
                INSERT INTO run_tally (runID, platformID, suiteID, metric, judged, failed, unavailable,
                                       clusters, failedSquares, failedJudged, judgedSquares)
                SELECT runID, platformID, suiteID, metric, SUM(judged), SUM(failed), SUM(unavailable),
                       COUNT(*), SUM(failed * failed), SUM(failed * judged), SUM(judged * judged)
                FROM case_tally WHERE runID = ?
                GROUP BY runID, platformID, suiteID, metric
                """,
            arguments: [runID]
        )
    }

    /// Rewrites the tallies of some runs from their samples and scores (after a bulk import).
    public func rebuildTallies(runIDs: [Int64]) async throws {
        try await database.write { db in
            for runID in runIDs { try Self.writeTallies(db, runID: runID) }
        }
    }

    /// Finished runs from `firstRunID` on, oldest first, each with its tallies per platform and
    /// suite plus the pooled `*` rows.
    public func runTallies(fromRunID firstRunID: Int64 = 0) throws -> [RunTallies] {
        try database.read { db in
            let runs = try SQLRow.fetchAll(
                db, sql: "SELECT id, startedAt FROM run WHERE id >= ? AND status != 'running' ORDER BY id", arguments: [firstRunID]
            )
            var byRun: [Int64: [MetricTally]] = [:]
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT t.runID, p.name, su.suiteKey, t.metric, t.judged, t.failed, t.unavailable,
                           t.clusters, t.failedSquares, t.failedJudged, t.judgedSquares
                    FROM run_tally t JOIN platform p ON p.id = t.platformID JOIN suite su ON su.id = t.suiteID
                    WHERE t.runID >= ?
                    """,
                arguments: [firstRunID]
            )
            for row in rows {
                var tally = MetricTally(platform: row[1], suite: row[2], metric: row[3], judged: row[4], failed: row[5], unavailable: row[6])
                tally.clusters = row[7]
                tally.failedSquares = row[8]
                tally.failedJudged = row[9]
                tally.judgedSquares = row[10]
                byRun[row[0], default: []].append(tally)
            }
            return runs.map { run in
                let id: Int64 = run[0]
                return RunTallies(runID: id, startedAt: run[1], tallies: MetricTally.withPooledSuites(byRun[id] ?? []))
            }
        }
    }

    /// Two platforms' tallies pooled over the finished runs both took part in, per suite.
    ///
    /// - Parameters:
    ///   - platforms: The two platforms.
    ///   - since: Only runs started at or after this time (seconds since 1970).
    ///   - suite: Only this suite.
    /// - Returns: The tallies and how many runs were pooled.
    public func pooledTallies(platforms: (String, String), since: Double?, suite: String?) throws -> (tallies: [MetricTally], runs: Int) {
        try database.read { db in
            guard let first = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platforms.0]),
                let second = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platforms.1])
            else { return ([], 0) }
            // The runs both platforms took part in: two probes of `run_tally_platform` per run.
            let shared = try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM run r WHERE startedAt >= ?3 AND status != 'running'
                      AND EXISTS (SELECT 1 FROM run_tally WHERE platformID = ?1 AND runID = r.id)
                      AND EXISTS (SELECT 1 FROM run_tally WHERE platformID = ?2 AND runID = r.id)
                    ORDER BY id
                    """,
                arguments: [first, second, since ?? -Double.greatestFiniteMagnitude]
            )
            guard let lowest = shared.first, let highest = shared.last else { return ([], 0) }
            // The shared runs as ranges of consecutive run ids: usually one, so that the tallies
            // are filtered by comparisons rather than a probe of the run list per row.
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE id BETWEEN ? AND ? ORDER BY id", arguments: [lowest, highest])
            let ranges = Self.ranges(of: shared, within: ids)
            let filter: String
            var arguments: SQLArguments = [first, second, suite]
            if ranges.count <= 16 {
                filter = ranges.map { _ in "t.runID BETWEEN ? AND ?" }.joined(separator: " OR ")
                for range in ranges { _ = arguments.append(contentsOf: [range.lowerBound, range.upperBound]) }
            } else {
                filter = "t.runID IN (\(db.dialect.integersOfJSONArray))"
                _ = arguments.append(contentsOf: ["[" + shared.map(String.init).joined(separator: ",") + "]"])
            }
            // Grouped by ids in the order of the `run_tally_series` index (no temporary B-tree), then
            // merged by name: versions of a suite share its key.
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT t.platformID, t.suiteID, t.metric, SUM(t.judged), SUM(t.failed), SUM(t.unavailable),
                           SUM(t.clusters), SUM(t.failedSquares), SUM(t.failedJudged), SUM(t.judgedSquares)
                    FROM run_tally t
                    WHERE t.platformID IN (?1, ?2) AND (CAST(?3 AS TEXT) IS NULL OR t.suiteID IN (SELECT id FROM suite WHERE suiteKey = ?3)) AND (\(filter))
                    GROUP BY t.platformID, t.suiteID, t.metric
                    """,
                arguments: arguments
            )
            let suiteKeys = try Dictionary(
                SQLRow.fetchAll(db, sql: "SELECT id, suiteKey FROM suite").map { ($0[0] as Int64, $0[1] as String) }, uniquingKeysWith: { a, _ in a }
            )
            var merged: [MetricTally] = []
            var positions: [StreamKey: Int] = [:]
            for row in rows {
                let platform = (row[0] as Int64) == first ? platforms.0 : platforms.1
                let suiteKey = suiteKeys[row[1] as Int64] ?? "?"
                let metric: String = row[2]
                let key = StreamKey(platform: platform, suite: suiteKey, metric: metric)
                if let position = positions[key] {
                    merged[position].judged += row[3] as Int
                    merged[position].failed += row[4] as Int
                    merged[position].unavailable += row[5] as Int
                } else {
                    positions[key] = merged.count
                    merged.append(
                        MetricTally(platform: platform, suite: suiteKey, metric: metric, judged: row[3], failed: row[4], unavailable: row[5]))
                }
                let position = positions[key] ?? 0
                merged[position].clusters += row[6] as Int
                merged[position].failedSquares += row[7] as Int
                merged[position].failedJudged += row[8] as Int
                merged[position].judgedSquares += row[9] as Int
            }
            return (merged, shared.count)
        }
    }

    /// `subset` (sorted) as maximal ranges of consecutive elements of `all` (sorted, a superset).
    static func ranges(of subset: [Int64], within all: [Int64]) -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        var next = 0
        var start: Int64?
        var last: Int64 = 0
        for id in all {
            if next < subset.count, subset[next] == id {
                if start == nil { start = id }
                last = id
                next += 1
            } else if let open = start {
                ranges.append(open...last)
                start = nil
            }
        }
        if let open = start { ranges.append(open...last) }
        return ranges
    }

    /// Per-case tallies of some platforms in one run, for the gate's paired test.
    public func caseTallies(runID: Int64, platforms: [String]) throws -> [GateEvaluation.CaseTally] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT p.name, su.suiteKey, t.caseID, t.metric, t.judged, t.failed
                    FROM case_tally t JOIN platform p ON p.id = t.platformID JOIN suite su ON su.id = t.suiteID
                    WHERE t.runID = ? AND p.name IN (\(platforms.map { _ in "?" }.joined(separator: ",")))
                    """,
                arguments: SQLArguments([runID] + platforms)
            ).map { GateEvaluation.CaseTally(platform: $0[0], suite: $0[1], caseID: $0[2], metric: $0[3], judged: $0[4], failed: $0[5]) }
        }
    }

    /// A platform's history before a run: its tallies summed per suite and metric over the last
    /// `runs` complete runs before `runID` it took part in, and how many runs that was.
    public func history(platform: String, beforeRun runID: Int64, runs: Int) throws -> (tallies: [MetricTally], runs: Int) {
        try database.read { db in
            guard let platformID = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platform]) else {
                return ([], 0)
            }
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT r.id FROM run r WHERE r.id < ? AND r.status = 'complete'
                      AND EXISTS (SELECT 1 FROM run_tally WHERE platformID = ? AND runID = r.id)
                    ORDER BY r.id DESC LIMIT ?
                    """,
                arguments: [runID, platformID, runs]
            )
            guard let lowest = ids.last, let highest = ids.first else { return ([], 0) }
            let tallies = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT su.suiteKey, t.metric, SUM(t.judged), SUM(t.failed), SUM(t.unavailable)
                    FROM run_tally t JOIN suite su ON su.id = t.suiteID
                    JOIN run r ON r.id = t.runID AND r.status = 'complete'
                    WHERE t.platformID = ? AND t.runID BETWEEN ? AND ?
                    GROUP BY su.suiteKey, t.metric
                    """,
                arguments: [platformID, lowest, highest]
            ).map { MetricTally(platform: platform, suite: $0[0], metric: $0[1], judged: $0[2], failed: $0[3], unavailable: $0[4]) }
            return (tallies, ids.count)
        }
    }

    /// The platforms that have taken part in runs, by name.
    public func platformNames() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM platform ORDER BY name") }
    }
}
