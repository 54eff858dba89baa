import GRDB

extension ResultStore {
    /// Keeps one line about a run under a topic (`drift-replay`, `capabilities`), replacing an earlier one.
    ///
    /// - Parameters:
    ///   - runID: The run.
    ///   - topic: What the note is about.
    ///   - note: One line, free of secrets.
    public func setNote(runID: Int64, topic: String, note: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO run_note (runID, topic, note) VALUES (?, ?, ?) ON CONFLICT (runID, topic) DO UPDATE SET note = excluded.note",
                arguments: [runID, topic, note]
            )
        }
    }

    /// A run's notes, by topic.
    public func notes(runID: Int64) throws -> [String: String] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT topic, note FROM run_note WHERE runID = ?", arguments: [runID])
            return Dictionary(rows.map { ($0["topic"] as String, $0["note"] as String) }, uniquingKeysWith: { $1 })
        }
    }
}
