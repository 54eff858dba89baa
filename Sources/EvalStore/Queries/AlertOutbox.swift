/// The alert transitions (opened, resolved) a sink failed to receive, kept in the store and sent
/// again by the next detection pass, so a webhook that was down for an hour still hears of the
/// alerts opened during that hour.
extension ResultStore {
    /// An undelivered transition: the alert as it was announced, and the attempts made so far.
    public struct PendingDelivery: Sendable, Equatable {
        public var alert: AlertRecord
        public var attempts: Int
    }

    /// The transitions a sink has not received, oldest first.
    ///
    /// - Parameter sink: The sink's key (its type and target, never a secret).
    public func pendingDeliveries(sink: String) throws -> [PendingDelivery] {
        try database.read { db in
            let rows = try SQLRow.fetchAll(
                db, sql: "SELECT alertID, status, attempts FROM alert_outbox WHERE sink = ? ORDER BY alertID, status DESC", arguments: [sink]
            )
            return try rows.compactMap { row -> PendingDelivery? in
                guard var alert = try AlertRecord.fetchOne(db, key: row["alertID"] as Int64) else { return nil }
                // Announce the transition that failed: an opening stays an opening even if the alert resolved since.
                if let status = AlertRecord.Status(rawValue: row["status"]), status == .open {
                    alert.status = .open
                    alert.resolvedAt = nil
                }
                return PendingDelivery(alert: alert, attempts: row["attempts"])
            }
        }
    }

    /// Records that a sink did not receive some transitions: each is kept for the next pass, until
    /// it has failed `maximumAttempts` times in all.
    ///
    /// - Returns: The transitions given up on.
    @discardableResult
    public func recordFailedDelivery(_ alerts: [AlertRecord], sink: String, error: String, maximumAttempts: Int) async throws -> [AlertRecord] {
        try await database.write { db in
            var dropped: [AlertRecord] = []
            for alert in alerts {
                guard let id = alert.id else { continue }
                let attempts =
                    try Int.fetchOne(
                        db, sql: "SELECT attempts FROM alert_outbox WHERE alertID = ? AND sink = ? AND status = ?",
                        arguments: [id, sink, alert.status.rawValue]
                    ) ?? 0
                if attempts + 1 >= maximumAttempts {
                    try db.execute(
                        sql: "DELETE FROM alert_outbox WHERE alertID = ? AND sink = ? AND status = ?", arguments: [id, sink, alert.status.rawValue]
                    )
                    dropped.append(alert)
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO alert_outbox (alertID, sink, status, attempts, lastError) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (alertID, sink, status) DO UPDATE SET attempts = excluded.attempts, lastError = excluded.lastError
                            """,
                        arguments: [id, sink, alert.status.rawValue, attempts + 1, error]
                    )
                }
            }
            return dropped
        }
    }

    /// Records that a sink received some transitions.
    public func recordDelivered(_ alerts: [AlertRecord], sink: String) async throws {
        try await database.write { db in
            for alert in alerts {
                guard let id = alert.id else { continue }
                try db.execute(
                    sql: "DELETE FROM alert_outbox WHERE alertID = ? AND sink = ? AND status = ?", arguments: [id, sink, alert.status.rawValue])
            }
        }
    }
}
