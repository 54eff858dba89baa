/// Whether two platforms decided alike to call a tool, request by request: the same run, case and
/// sample of a suite with tools, judged by `tool-call` on both.
///
/// Against a baseline taken as right, the F1 of the other platform's calls is the K2 Vendor
/// Verifier's `tool_call_f1`: a vendor that stops calling tools (or calls them where the official
/// API does not) serves another model in effect, whatever its calls' validity.
public struct ToolDecisionAgreement: Sendable, Equatable {
    /// Requests both platforms answered in cases with tools.
    public var pairs: Int
    public var bothCalled: Int
    /// The baseline called a tool, the other platform did not.
    public var onlyBaseline: Int
    /// The other platform called a tool, the baseline did not.
    public var onlyOther: Int

    /// F1 of the other platform's decisions to call against the baseline's; `nil` when neither called.
    public var f1: Double? {
        let denominator = 2 * bothCalled + onlyBaseline + onlyOther
        return denominator == 0 ? nil : Double(2 * bothCalled) / Double(denominator)
    }
}

extension ResultStore {
    /// Pairs the two platforms' `tool-call` verdicts request by request, over the runs since a time.
    ///
    /// Starts from the `tool-call` scores (by the scorer index), not from the platform's samples:
    /// most stores hold few, and a 10-million-sample store without any answers at once.
    ///
    /// - Returns: `nil` when no request of a case with tools was answered by both.
    public func toolDecisions(baseline: String, other: String, since: Double?, suite: String?) throws -> ToolDecisionAgreement? {
        try database.read { db in
            guard let first = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [baseline]),
                let second = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [other])
            else { return nil }
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT \(db.dialect.jsonNumber("sa.details", key: "called")), \(db.dialect.jsonNumber("sb.details", key: "called"))
                    FROM score sa
                    \(db.dialect.orderedJoin) sample a ON a.id = sa.sampleID
                    JOIN sample b ON b.runID = a.runID AND b.suiteID = a.suiteID AND b.caseID = a.caseID
                                 AND b.sampleIndex = a.sampleIndex AND b.platformID = ?2
                    JOIN score sb ON sb.sampleID = b.id AND sb.scorer = 'tool-call'
                    JOIN run r ON r.id = a.runID
                    WHERE sa.scorer = 'tool-call' AND a.platformID = ?1 AND r.startedAt >= ?3
                      AND (CAST(?4 AS TEXT) IS NULL OR a.suiteID IN (SELECT id FROM suite WHERE suiteKey = ?4))
                    """,
                arguments: [first, second, since ?? -Double.greatestFiniteMagnitude, suite])
            guard !rows.isEmpty else { return nil }
            var agreement = ToolDecisionAgreement(pairs: rows.count, bothCalled: 0, onlyBaseline: 0, onlyOther: 0)
            for row in rows {
                let a = (row[0] as Int?) == 1
                let b = (row[1] as Int?) == 1
                switch (a, b) {
                case (true, true): agreement.bothCalled += 1
                case (true, false): agreement.onlyBaseline += 1
                case (false, true): agreement.onlyOther += 1
                case (false, false): break
                }
            }
            return agreement
        }
    }
}
