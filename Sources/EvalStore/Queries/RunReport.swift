import EvalCore

/// Per-platform figures of one run: what `make run` prints at the end of a sweep.
public struct RunReport: Sendable {
    /// One platform's line.
    public struct PlatformLine: Sendable {
        public var platform: String
        public var isReference: Bool
        public var samples: Int
        public var errors: [String: Int]
        public var latencies: [Double]
        /// Seconds to the first text of each streamed answer (empty when the platform does not stream).
        public var timesToFirstToken: [Double] = []
        /// The median gap between text events of each streamed answer.
        public var interTokenGaps: [Double] = []
        public var truncated: Int
        public var meanTokens: Double?
        /// Scorer name → (failed, judged).
        public var scorers: [String: Proportion]
        /// Distinct replicas seen in `x-served-by` (or the configured header).
        public var servedBy: [String: Int]

        /// Requests that returned a completion.
        public var completed: Int { samples - errors.values.reduce(0, +) }
    }

    /// The run.
    public var run: RunRecord
    /// One line per platform, reference first.
    public var lines: [PlatformLine]
}

extension ResultStore {
    /// Builds the per-platform report of a run.
    ///
    /// - Parameter runID: The run.
    /// - Throws: ``StoreError`` when the run does not exist.
    public func report(runID: Int64) throws -> RunReport {
        try database.read { db in
            guard let run = try RunRecord.fetchOne(db, key: runID) else {
                throw StoreError.notFound("run \(runID)", path: path)
            }
            var lines: [String: RunReport.PlatformLine] = [:]
            var order: [String] = []
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT platform.name, platform.isReference, sample.errorClass, sample.latency, sample.finishReason,
                           sample.completionTokens, sample.servedBy, sample.timeToFirstToken, sample.interTokenGap
                    FROM sample JOIN platform ON platform.id = sample.platformID
                    WHERE sample.runID = ?
                    ORDER BY platform.isReference DESC, platform.name
                    """,
                arguments: [runID]
            )
            var tokenSums: [String: (Double, Int)] = [:]
            for row in rows {
                let name: String = row[0]
                if lines[name] == nil {
                    order.append(name)
                    lines[name] = RunReport.PlatformLine(
                        platform: name, isReference: row[1], samples: 0, errors: [:], latencies: [], truncated: 0,
                        meanTokens: nil, scorers: [:], servedBy: [:]
                    )
                }
                lines[name]?.samples += 1
                if let errorClass: String = row[2] {
                    lines[name]?.errors[errorClass, default: 0] += 1
                    continue
                }
                lines[name]?.latencies.append(row[3])
                if (row[4] as String?) == "length" { lines[name]?.truncated += 1 }
                if let tokens: Int = row[5] {
                    let sum = tokenSums[name] ?? (0, 0)
                    tokenSums[name] = (sum.0 + Double(tokens), sum.1 + 1)
                }
                if let replica: String = row[6] { lines[name]?.servedBy[replica, default: 0] += 1 }
                if let seconds: Double = row[7] { lines[name]?.timesToFirstToken.append(seconds) }
                if let seconds: Double = row[8] { lines[name]?.interTokenGaps.append(seconds) }
            }
            for (name, sum) in tokenSums where sum.1 > 0 { lines[name]?.meanTokens = sum.0 / Double(sum.1) }
            let scoreRows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT platform.name, score.scorer, SUM(CASE WHEN score.passed = 0 THEN 1 ELSE 0 END), COUNT(score.passed)
                    FROM score JOIN sample ON sample.id = score.sampleID JOIN platform ON platform.id = sample.platformID
                    WHERE sample.runID = ? GROUP BY platform.name, score.scorer
                    """,
                arguments: [runID]
            )
            for row in scoreRows {
                let name: String = row[0]
                lines[name]?.scorers[row[1]] = Proportion(failures: row[2] ?? 0, trials: row[3])
            }
            return RunReport(run: run, lines: order.compactMap { lines[$0] })
        }
    }
}
