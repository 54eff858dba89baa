/// The prompt's tokens as two platforms reported them for the same requests, case by case.
///
/// Platforms serving one model with one chat template count a prompt alike; a platform that counts
/// it otherwise serves another template, tokenizer or system prompt, or bills differently.
public struct PromptTokenComparison: Sendable, Equatable {
    /// One case the platforms count differently.
    public struct Difference: Sendable, Equatable {
        public var suite: String
        public var caseID: String
        public var a: Int
        public var b: Int
    }

    /// The run compared: the latest both platforms took part in.
    public var runID: Int64
    /// Cases both platforms reported a count for.
    public var casesCompared: Int
    /// Cases only one of them reported a count for (the other's answers carry no usage).
    public var unreportedByA: Int
    public var unreportedByB: Int
    public var differences: [Difference]
}

extension ResultStore {
    /// Compares the prompt token counts two platforms reported in the latest run both took part
    /// in (counts are a property of the prompt: one run says it), each case's most common count.
    ///
    /// - Returns: `nil` when the platforms share no finished run.
    public func promptTokens(platforms: (String, String), since: Double?, suite: String?) throws -> PromptTokenComparison? {
        try database.read { db in
            guard let first = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platforms.0]),
                let second = try Int64.fetchOne(db, sql: "SELECT id FROM platform WHERE name = ?", arguments: [platforms.1]),
                let runID = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM run r WHERE startedAt >= ?3 AND status != 'running'
                          AND EXISTS (SELECT 1 FROM run_tally WHERE platformID = ?1 AND runID = r.id)
                          AND EXISTS (SELECT 1 FROM run_tally WHERE platformID = ?2 AND runID = r.id)
                        ORDER BY id DESC LIMIT 1
                        """,
                    arguments: [first, second, since ?? -Double.greatestFiniteMagnitude])
            else { return nil }
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT suite.suiteKey, sample.caseID, sample.platformID, sample.promptTokens, COUNT(*)
                    FROM sample JOIN suite ON suite.id = sample.suiteID
                    WHERE sample.runID = ?1 AND sample.platformID IN (?2, ?3) AND sample.errorClass IS NULL
                      AND (CAST(?4 AS TEXT) IS NULL OR suite.suiteKey = ?4)
                    GROUP BY 1, 2, 3, 4
                    ORDER BY 1, 2, 3, COUNT(*) DESC, sample.promptTokens IS NULL, sample.promptTokens
                    """,
                arguments: [runID, first, second, suite])
            // Per case and platform, the most common count (a reported one first on a tie; nil when
            // none was reported): the first row of each, as the query orders them.
            var counts: [String: [Int64: Int?]] = [:]
            var cases: [String: (suite: String, caseID: String)] = [:]
            for row in rows {
                let key = "\(row[0] as String)\u{1}\(row[1] as String)"
                cases[key] = (row[0], row[1])
                let platform: Int64 = row[2]
                if counts[key]?.keys.contains(platform) != true { counts[key, default: [:]][platform] = .some(row[3] as Int?) }
            }
            var comparison = PromptTokenComparison(runID: runID, casesCompared: 0, unreportedByA: 0, unreportedByB: 0, differences: [])
            for key in cases.keys.sorted() {
                guard let byPlatform = counts[key], let a = byPlatform[first], let b = byPlatform[second] else { continue }
                switch (a, b) {
                case (let x?, let y?):
                    comparison.casesCompared += 1
                    if x != y, let names = cases[key] {
                        comparison.differences.append(.init(suite: names.suite, caseID: names.caseID, a: x, b: y))
                    }
                case (nil, _?): comparison.unreportedByA += 1
                case (_?, nil): comparison.unreportedByB += 1
                case (nil, nil): break
                }
            }
            return comparison
        }
    }
}
