import EvalCore

/// Look-ups the live UI (`evalctl serve`) makes beside the reports' queries.
extension ResultStore {
    /// One alert by id (`nil` when there is none).
    public func alert(id: Int64) throws -> AlertRecord? {
        try database.read { db in try AlertRecord.fetchOne(db, key: id) }
    }

    /// The sample another platform stored for the same request (run, suite, case, sample index)
    /// as `sampleID`: the reference's answer to compare an answer with.
    public func counterpart(ofSample sampleID: Int64, on platform: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT other.id FROM sample AS this
                    JOIN sample AS other ON other.runID = this.runID AND other.suiteID = this.suiteID
                        AND other.caseID = this.caseID AND other.sampleIndex = this.sampleIndex
                    JOIN platform ON platform.id = other.platformID AND platform.name = ?
                    WHERE this.id = ? LIMIT 1
                    """,
                arguments: [platform, sampleID])
        }
    }

    /// The id of the newest finished run (`nil` when none has finished).
    public func latestFinishedRunID() throws -> Int64? {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run WHERE status != 'running'") }
    }
}
