import EvalCore

/// A failed sample next to the reference's answer to the same request in the same run.
public struct ExamplePair: Sendable {
    public var runID: Int64
    public var sampleID: Int64
    public var platform: String
    public var suite: String
    public var caseID: String
    public var sampleIndex: Int
    public var metric: String
    /// The scorer's value and details (JSON).
    public var value: Double
    public var details: String
    public var output: String
    /// The platform's tokens, when it reported them.
    public var tokens: [String]
    /// The reference's output and tokens for the same case and sample index, if it answered.
    public var referenceOutput: String?
    public var referenceTokens: [String]
}

extension ResultStore {
    /// The most recent failures of a platform on a metric, each paired with the reference's answer.
    ///
    /// Found through the `case_tally` rows that counted failures, so the search does not scan samples.
    /// - Parameters:
    ///   - platform: The platform.
    ///   - reference: The reference platform.
    ///   - metric: The scorer.
    ///   - suite: Only this suite (`nil` or `*`: any).
    ///   - since: Only runs started at or after this time.
    ///   - limit: How many.
    public func worstExamples(platform: String, reference: String, metric: String, suite: String?, since: Double?, limit: Int) throws -> [ExamplePair]
    {
        try database.read { db in
            guard let platformID = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platform]) else { return [] }
            let referenceID = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [reference])
            let suiteFilter = suite == nil || suite == MetricTally.allSuites ? nil : suite
            let cells = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT t.runID, t.suiteID, t.caseID FROM case_tally t
                    JOIN suite su ON su.id = t.suiteID JOIN run r ON r.id = t.runID
                    WHERE t.platformID = ? AND t.metric = ? AND t.failed > 0 AND (CAST(? AS TEXT) IS NULL OR su.suiteKey = ?) AND r.startedAt >= ?
                    ORDER BY t.runID DESC, t.failed DESC, su.suiteKey, t.caseID LIMIT ?
                    """,
                arguments: [platformID, metric, suiteFilter, suiteFilter, since ?? -Double.greatestFiniteMagnitude, limit]
            )
            var pairs: [ExamplePair] = []
            for cell in cells where pairs.count < limit {
                let runID: Int64 = cell[0]
                let suiteID: Int64 = cell[1]
                let caseID: String = cell[2]
                let samples = try SQLRow.fetchAll(
                    db,
                    sql: """
                        SELECT s.id, s.sampleIndex, s.output, sc.value, sc.details, su.suiteKey FROM sample s
                        JOIN score sc ON sc.sampleID = s.id AND sc.scorer = ? JOIN suite su ON su.id = s.suiteID
                        WHERE s.runID = ? AND s.platformID = ? AND s.suiteID = ? AND s.caseID = ? AND sc.passed = 0
                        ORDER BY s.sampleIndex LIMIT 1
                        """,
                    arguments: [metric, runID, platformID, suiteID, caseID]
                )
                for sample in samples {
                    let sampleID: Int64 = sample[0]
                    let sampleIndex: Int = sample[1]
                    var pair = ExamplePair(
                        runID: runID, sampleID: sampleID, platform: platform, suite: sample[5], caseID: caseID, sampleIndex: sampleIndex,
                        metric: metric, value: sample[3], details: sample[4], output: sample[2] ?? "",
                        tokens: try tokens(db, sampleID: sampleID).map(\.token), referenceOutput: nil, referenceTokens: []
                    )
                    if let referenceID,
                        let row = try SQLRow.fetchOne(
                            db,
                            sql:
                                "SELECT id, output FROM sample WHERE runID = ? AND platformID = ? AND suiteID = ? AND caseID = ? AND sampleIndex = ?",
                            arguments: [runID, referenceID, suiteID, caseID, sampleIndex]
                        )
                    {
                        pair.referenceOutput = row[1]
                        pair.referenceTokens = try tokens(db, sampleID: row[0]).map(\.token)
                    }
                    pairs.append(pair)
                }
            }
            return pairs
        }
    }
}
