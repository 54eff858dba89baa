extension ResultStore {
    /// Keeps one line about a run under a topic (`drift-replay`, `capabilities`), replacing an earlier one.
    ///
    /// - Parameters:
    ///   - runID: The run.
    ///   - topic: What the note is about.
    ///   - note: One line, free of secrets.
    public func setNote(runID: Int64, topic: String, note: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO run_note (runID, topic, note) VALUES (?, ?, ?) ON CONFLICT (runID, topic) DO UPDATE SET note = excluded.note",
                arguments: [runID, topic, note]
            )
        }
    }

    /// A run's notes, by topic.
    public func notes(runID: Int64) throws -> [String: String] {
        try database.read { db in
            let rows = try SQLRow.fetchAll(db, sql: "SELECT topic, note FROM run_note WHERE runID = ?", arguments: [runID])
            return Dictionary(rows.map { ($0["topic"] as String, $0["note"] as String) }, uniquingKeysWith: { $1 })
        }
    }
}

extension ResultStore {
    /// What each platform of a run said it was: the distinct model names and system fingerprints
    /// its answers reported (the engine's identity, as far as the API tells it).
    public func reportedIdentities(runID: Int64) throws -> [String: (models: [String], fingerprints: [String])] {
        try database.read { db in
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT p.name, s.reportedModel, s.systemFingerprint FROM sample s JOIN platform p ON p.id = s.platformID
                    WHERE s.runID = ? AND (s.reportedModel IS NOT NULL OR s.systemFingerprint IS NOT NULL)
                    GROUP BY p.name, s.reportedModel, s.systemFingerprint
                    """,
                arguments: [runID]
            )
            var result: [String: (models: Set<String>, fingerprints: Set<String>)] = [:]
            for row in rows {
                let name: String = row[0]
                if let model: String = row[1] { result[name, default: ([], [])].models.insert(model) }
                if let fingerprint: String = row[2] { result[name, default: ([], [])].fingerprints.insert(fingerprint) }
            }
            return result.mapValues { ($0.models.sorted(), $0.fingerprints.sorted()) }
        }
    }
}

extension ResultStore {
    /// The distinct notes of a topic over the finished runs two platforms both took part in (since a
    /// time): what `compare` pools, so it can say when those runs were scored differently.
    public func distinctNotes(topic: String, sharedBy platforms: (String, String), since: Double?) throws -> [String] {
        try database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT n.note FROM run_note n JOIN run r ON r.id = n.runID
                    WHERE n.topic = ?1 AND r.startedAt >= ?4 AND r.status != 'running'
                      AND EXISTS (SELECT 1 FROM run_tally t JOIN platform p ON p.id = t.platformID WHERE p.name = ?2 AND t.runID = r.id)
                      AND EXISTS (SELECT 1 FROM run_tally t JOIN platform p ON p.id = t.platformID WHERE p.name = ?3 AND t.runID = r.id)
                    """,
                arguments: [topic, platforms.0, platforms.1, since ?? -Double.greatestFiniteMagnitude]
            )
        }
    }
}
