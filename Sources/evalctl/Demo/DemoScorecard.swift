import EvalCore
import EvalFleet
import EvalStore
import Foundation

/// What the replay proves: per bug, when it was first alerted on and where; per platform, the
/// alerts that opened while it had no fault (false alarms).
struct DemoScorecard {
    struct BugRow {
        var bug: PostmortemTimeline.Bug
        /// The first alert on the bug's platform at or after its onset.
        var firstAlert: AlertRecord?
        /// Sweep index of that alert.
        var alertSweep: Int?
        /// The pool the failures of the alert's metric concentrate in, with its tallies.
        var attribution: String

        /// Sweeps from the onset to the alert, counting both (1: the onset sweep itself alerted).
        var sweepsToDetect: Int? { alertSweep.map { $0 - bug.onsetSweep + 1 } }
    }

    struct PlatformRow {
        var platform: String
        var alerts: Int
        var falseAlarms: Int
    }

    var bugs: [BugRow]
    var platforms: [PlatformRow]
    var timeline: PostmortemTimeline
    /// Detection within this many sweeps of the onset counts as on time (`evalctl demo --within`).
    var sweepsAllowed = 2

    /// Whether every bug was alerted on time, on its own platform, and no platform had a false alarm.
    var claimHolds: Bool {
        bugs.allSatisfy { ($0.sweepsToDetect ?? .max) <= sweepsAllowed } && platforms.allSatisfy { $0.falseAlarms == 0 }
    }

    static func build(timeline: PostmortemTimeline, store: ResultStore, firstRunID: Int64, sweepsAllowed: Int = 2) throws -> DemoScorecard {
        let alerts = try store.alerts(limit: 100_000).sorted { ($0.openedRunID ?? 0, $0.id ?? 0) < ($1.openedRunID ?? 0, $1.id ?? 0) }
        func sweep(of alert: AlertRecord) -> Int? { alert.openedRunID.map { Int($0 - firstRunID) } }
        var bugs: [BugRow] = []
        for bug in timeline.bugs {
            let first = alerts.first { $0.platform == bug.platform && (sweep(of: $0) ?? -1) >= bug.onsetSweep }
            var attribution = "—"
            if let first, let alertSweep = sweep(of: first) {
                let runs = (firstRunID + Int64(bug.onsetSweep))...(firstRunID + Int64(alertSweep))
                let pools = try store.poolTallies(platform: bug.platform, metric: first.metric, runs: runs)
                attribution = Self.attribution(platform: bug.platform, pools: pools)
            }
            bugs.append(BugRow(bug: bug, firstAlert: first, alertSweep: first.flatMap(sweep), attribution: attribution))
        }
        let platforms = timeline.scenario.platforms.map { platform in
            let mine = alerts.filter { $0.platform == platform.name }
            let falseAlarms = mine.filter { alert in
                guard let index = sweep(of: alert) else { return true }
                return timeline.rate(on: platform.name, atSweep: index) == 0
            }
            return PlatformRow(platform: platform.name, alerts: mine.count, falseAlarms: falseAlarms.count)
        }
        return DemoScorecard(bugs: bugs, platforms: platforms, timeline: timeline, sweepsAllowed: sweepsAllowed)
    }

    /// Names the pool whose failure rate stands out (at least 5× every other pool's, with two or
    /// more failures); otherwise says the failures are spread over the platform's pools.
    static func attribution(platform: String, pools: [PoolTally]) -> String {
        let failed = pools.reduce(0) { $0 + $1.failed }
        guard failed > 0 else { return "\(platform) (no failures)" }
        func rate(_ tally: PoolTally) -> Double { tally.judged > 0 ? Double(tally.failed) / Double(tally.judged) : 0 }
        let ranked = pools.sorted { rate($0) > rate($1) }
        guard let top = ranked.first, top.failed >= 2 else { return "\(platform) · \(failed) failure(s), no pool stands out" }
        let others = ranked.dropFirst()
        let share = "\(top.failed)/\(failed) failures, \(Self.percent(rate(top))) of its \(top.judged) samples"
        if others.allSatisfy({ rate($0) * 5 <= rate(top) }), pools.count > 1 {
            let rest = others.reduce(into: (0, 0)) {
                $0.0 += $1.failed; $0.1 += $1.judged
            }
            return "\(platform) · \(top.pool) (\(share); other pools \(Self.percent(rest.1 > 0 ? Double(rest.0) / Double(rest.1) : 0)))"
        }
        let replicas = pools.reduce(0) { $0 + $1.replicas }
        let failing = pools.reduce(0) { $0 + $1.failingReplicas }
        return
            "\(platform) · no pool stands out (\(failed) failures on \(failing) of \(replicas) replicas of \(pools.map(\.pool).joined(separator: ", ")))"
    }

    static func percent(_ value: Double) -> String { String(format: value < 0.1 ? "%.2f%%" : "%.1f%%", value * 100) }

    func when(_ sweep: Int) -> String {
        "day \(sweep / timeline.sweepsPerDay) \(String(format: "%02d", sweep % timeline.sweepsPerDay)):00 (#\(sweep))"
    }

    func render() -> String {
        var table = TextTable(
            header: ["bug", "platform", "rate", "onset", "first alert", "sweeps to detect", "metric", "attribution"], rightAligned: [5]
        )
        for row in bugs {
            table.rows.append([
                row.bug.kind.rawValue, row.bug.platform, Self.percent(row.bug.rate), when(row.bug.onsetSweep),
                row.alertSweep.map(when) ?? "never", row.sweepsToDetect.map(String.init) ?? "—",
                row.firstAlert.map { "\($0.metric) (\($0.suite))" } ?? "—", row.attribution,
            ])
        }
        var alarms = TextTable(header: ["platform", "role", "alerts", "false alarms"], rightAligned: [2, 3])
        for row in platforms {
            let role =
                row.platform == timeline.scenario.reference
                ? "reference"
                : row.platform == timeline.control
                    ? "healthy control"
                    : timeline.bugs.first { $0.platform == row.platform }.map { "\($0.kind.rawValue) from #\($0.onsetSweep)" } ?? ""
            alarms.rows.append([row.platform, role, "\(row.alerts)", "\(row.falseAlarms)"])
        }
        let verdict =
            claimHolds
            ? "every bug alerted within \(sweepsAllowed) sweeps of its onset on its own platform; no false alarm in \(timeline.sweeps) sweeps"
            : "CLAIM NOT MET: a bug was alerted late or never, or a platform had a false alarm"
        return [table.render(), "", alarms.render(), "", verdict].joined(separator: "\n")
    }
}
