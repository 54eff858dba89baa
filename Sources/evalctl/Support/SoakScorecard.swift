import EvalCore
import Foundation

/// What a soak of repeated sweeps found per platform: in which sweeps drift, the gate and the
/// alerts flagged it, and whether that is a false alarm (a platform known to be healthy) or a
/// detection (a platform known to be faulty).
struct SoakScorecard {
    /// What a platform is known to be.
    enum Role: String {
        case healthy
        case faulty
    }

    /// One platform's findings.
    struct Line {
        var platform: String
        var role: Role
        /// Sweeps (from 1) in which each judgement flagged it, with what.
        var drift: [Int: String] = [:]
        var gate: [Int: String] = [:]
        var alerts: [Int: String] = [:]

        /// Sweeps in which anything flagged it.
        var flaggedSweeps: [Int] { Set(drift.keys).union(gate.keys).union(alerts.keys).sorted() }
    }

    var lines: [Line]
    /// Sweeps run so far.
    var sweeps = 0
    /// A faulty platform must be flagged within this many sweeps.
    var within: Int

    init(platforms: [(String, Role)], within: Int) {
        lines = platforms.map { Line(platform: $0.0, role: $0.1) }
        self.within = within
    }

    /// Records one sweep's judgements.
    ///
    /// - Parameters:
    ///   - drift: Platforms the drift assessment flagged, with the metric.
    ///   - gate: Platforms the gate failed against the reference, with the failing suite × metric rows.
    ///   - alerts: Platforms an alert opened on, with the stream.
    mutating func record(sweep: Int, drift: [String: String], gate: [String: String], alerts: [String: String]) {
        sweeps = max(sweeps, sweep)
        for index in lines.indices {
            let name = lines[index].platform
            if let what = drift[name] { lines[index].drift[sweep] = what }
            if let what = gate[name] { lines[index].gate[sweep] = what }
            if let what = alerts[name] { lines[index].alerts[sweep] = what }
        }
    }

    /// Healthy platforms flagged at least once.
    var falseAlarms: [Line] { lines.filter { $0.role == .healthy && !$0.flaggedSweeps.isEmpty } }
    /// Faulty platforms not flagged by any judgement within ``within`` sweeps (once that many ran).
    var misses: [Line] { lines.filter { $0.role == .faulty && sweeps >= within && ($0.flaggedSweeps.first ?? .max) > within } }
    /// Whether the soak met its claim.
    var holds: Bool { falseAlarms.isEmpty && misses.isEmpty }

    /// A table: per platform, the sweeps each judgement flagged, and the outcome.
    func render() -> String {
        var table = TextTable(header: ["platform", "known", "drift", "gate", "alerts", "first flagged", "outcome"])
        table.rightAligned = [2, 3, 4]
        for line in lines {
            let first = line.flaggedSweeps.first
            let outcome: String
            switch line.role {
            case .healthy:
                outcome = first == nil ? "ok: no false alarm in \(sweeps) sweeps" : "FALSE ALARM in \(line.flaggedSweeps.count)/\(sweeps) sweeps"
            case .faulty:
                if let first, first <= within {
                    outcome = "caught in sweep \(first)"
                } else {
                    outcome = first.map { "LATE: sweep \($0)" } ?? "MISSED in \(sweeps) sweeps"
                }
            }
            table.rows.append([
                line.platform, line.role.rawValue, "\(line.drift.count)/\(sweeps)", "\(line.gate.count)/\(sweeps)", "\(line.alerts.count)/\(sweeps)",
                first.map { "sweep \($0)" } ?? "-", outcome,
            ])
        }
        var parts = [table.render()]
        for line in lines where !line.flaggedSweeps.isEmpty {
            let first = line.flaggedSweeps[0]
            let what = [("drift", line.drift[first]), ("gate", line.gate[first]), ("alert", line.alerts[first])]
                .compactMap { name, detail in detail.map { "\(name) \($0)" } }
            parts.append("  \(line.platform), sweep \(first): \(what.joined(separator: "; "))")
        }
        return parts.joined(separator: "\n")
    }

    /// The scorecard as JSON: per platform, the sweeps each judgement flagged.
    func json(seeds: [UInt64]) -> String {
        struct Flag: Encodable {
            var sweep: Int
            var what: String
        }
        struct Platform: Encodable {
            var platform, known: String
            var drift, gate, alerts: [Flag]
        }
        struct Card: Encodable {
            var sweeps: Int
            var seeds: [UInt64]
            var within: Int
            var holds: Bool
            var platforms: [Platform]
        }
        func flags(_ map: [Int: String]) -> [Flag] { map.keys.sorted().map { Flag(sweep: $0, what: map[$0] ?? "") } }
        let card = Card(
            sweeps: sweeps, seeds: seeds, within: within, holds: holds,
            platforms: lines.map {
                Platform(platform: $0.platform, known: $0.role.rawValue, drift: flags($0.drift), gate: flags($0.gate), alerts: flags($0.alerts))
            }
        )
        return ReportJSON.encode(card)
    }
}
