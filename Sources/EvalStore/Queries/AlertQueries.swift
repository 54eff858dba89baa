import EvalCore

extension ResultStore {
    /// Every detector's saved state.
    public func detectorStates() throws -> [DetectorKey: DetectorState] {
        try database.read { db in
            var states: [DetectorKey: DetectorState] = [:]
            for row in try SQLRow.fetchAll(
                db, sql: "SELECT platform, suite, metric, baseline, lastRunID, upper, lower, alarmed, frozenNullRate FROM detector_state")
            {
                guard let baseline = DetectorState.Baseline(rawValue: row[3]) else { continue }
                var state = DetectorState()
                state.lastRunID = row[4]
                state.upper = row[5]
                state.lower = row[6]
                state.alarmed = row[7]
                state.frozenNullRate = row[8]
                states[DetectorKey(stream: StreamKey(platform: row[0], suite: row[1], metric: row[2]), baseline: baseline)] = state
            }
            return states
        }
    }

    /// The streams with an open alert.
    public func openAlertStreams() throws -> Set<StreamKey> {
        try database.read { db in
            Set(
                try SQLRow.fetchAll(db, sql: "SELECT platform, suite, metric FROM alert WHERE status = 'open'").map {
                    StreamKey(platform: $0[0], suite: $0[1], metric: $0[2])
                })
        }
    }

    /// Stores a detection pass in one transaction: new alerts inserted, resolved ones closed, every
    /// detector's state saved.
    ///
    /// - Returns: The alerts the pass opened or resolved, as stored.
    public func applyDetection(_ outcome: RegressionDetector.Outcome) async throws -> [AlertRecord] {
        try await database.write { db in
            var changed: [AlertRecord] = []
            for transition in outcome.transitions {
                let stream = transition.stream
                switch transition.kind {
                case .opened:
                    var record = AlertRecord(
                        platform: stream.platform, suite: stream.suite, metric: stream.metric, openedAt: transition.at, status: .open,
                        openedRunID: transition.runID, evidence: transition.evidence.json
                    )
                    try record.insert(db)
                    changed.append(record)
                case .resolved:
                    let open = try AlertRecord.fetchAll(
                        db, where: "platform = ? AND suite = ? AND metric = ? AND status = 'open'",
                        arguments: [stream.platform, stream.suite, stream.metric]
                    )
                    for var record in open {
                        record.status = .resolved
                        record.resolvedAt = transition.at
                        try record.updateStatus(db)
                        changed.append(record)
                    }
                }
            }
            for (key, state) in outcome.states {
                try db.execute(
                    sql: """
                        INSERT INTO detector_state (platform, suite, metric, baseline, lastRunID, upper, lower, alarmed, frozenNullRate)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (platform, suite, metric, baseline) DO UPDATE SET lastRunID = excluded.lastRunID, upper = excluded.upper,
                            lower = excluded.lower, alarmed = excluded.alarmed, frozenNullRate = excluded.frozenNullRate
                        """,
                    arguments: [
                        key.stream.platform, key.stream.suite, key.stream.metric, key.baseline.rawValue, state.lastRunID, state.upper,
                        state.lower, state.alarmed, state.frozenNullRate,
                    ]
                )
            }
            return changed
        }
    }

    /// Alerts, newest first.
    ///
    /// - Parameter status: Only alerts with this status.
    public func alerts(status: AlertRecord.Status? = nil, limit: Int = 1_000) throws -> [AlertRecord] {
        try database.read { db in
            try AlertRecord.fetchAll(
                db, where: "CAST(?1 AS TEXT) IS NULL OR status = ?1 ORDER BY openedAt DESC, id DESC LIMIT ?2",
                arguments: [status?.rawValue, limit]
            )
        }
    }

    /// The oldest run a detection pass must read: the runs no detector has seen yet, and before them
    /// the baselines' windows.
    ///
    /// 0 (every run) when no detector has state yet.
    public func firstRunForDetection(lookBack: Int) throws -> Int64 {
        try database.read { db in
            guard let seen = try Int64.fetchOne(db, sql: "SELECT MIN(lastRunID) FROM detector_state") else { return 0 }
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM run WHERE id <= ? AND status != 'running' ORDER BY id DESC LIMIT ?", arguments: [seen, lookBack + 1]
            )
            return ids.last ?? 0
        }
    }
}
