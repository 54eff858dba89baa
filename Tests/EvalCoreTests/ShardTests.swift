import EvalCore
import Foundation
import Testing

/// Shards of a run: parsing, ownership, the run key, the plan's fingerprint.
struct ShardTests {
    static let suite = Suite(
        id: "s", version: 1, description: "",
        defaults: SamplingParameters(temperature: 0.7, topP: 1, maxTokens: 8, samples: 5, seed: 1),
        cases: (0..<40).map { EvalCase(id: "c\($0)", prompt: .text("prompt \($0)")) }
    )

    @Test func everyRequestBelongsToExactlyOneShardWithEveryPlatformsAnswer() throws {
        let plan = SweepPlan(suites: [Self.suite], platforms: ["ref", "a", "b"], routingKeys: ["k1", "k2"])
        for count in [1, 2, 3, 8] {
            let shards = try (0..<count).map { try Shard(index: $0, count: count, source: "test") }
            let parts = shards.map { plan.restricted(to: $0) }
            #expect(parts.map(\.count).reduce(0, +) == plan.count, "\(count) shards")
            for platform in plan.platforms {
                let owned = parts.flatMap { $0.items[platform] ?? [] }.map { SampleKey($0) }
                #expect(Set(owned) == Set((plan.items[platform] ?? []).map { SampleKey($0) }))
            }
            // A shard sends each of its requests to every platform (drift compares them with the reference's).
            for part in parts {
                let requests = { (platform: String) in Set((part.items[platform] ?? []).map { "\($0.evalCase.id)/\($0.sampleIndex)" }) }
                #expect(requests("a") == requests("ref") && requests("b") == requests("ref"))
            }
            // Shares are even enough: 200 requests over 8 shards, none empty or double.
            if count == 8 {
                #expect(parts.allSatisfy { (10...40).contains($0.items["ref"]?.count ?? 0) }, "\(parts.map { $0.items["ref"]?.count ?? 0 })")
            }
        }
    }

    @Test func storedSamplesAreSkipped() throws {
        let plan = SweepPlan(suites: [Self.suite], platforms: ["ref", "a"], routingKeys: [])
        let shard = try Shard(parsing: "0/2")
        let mine = plan.restricted(to: shard)
        let done = Set((mine.items["a"] ?? []).prefix(7).map { SampleKey($0) })
        let rest = plan.restricted(to: shard, skipping: done)
        #expect(rest.count == mine.count - 7)
        #expect((rest.items["a"] ?? []).allSatisfy { !done.contains(SampleKey($0)) })
    }

    @Test func shardsAreParsedAndCheckedWithTheirSource() throws {
        #expect(try Shard(parsing: "3/8") == Shard(index: 3, count: 8, source: "x"))
        #expect(throws: ShardError("--shard: '3-8' is not I/N (e.g. 0/8: the first of 8 shards)")) { try Shard(parsing: "3-8") }
        #expect(throws: ShardError.self) { try Shard(parsing: "8/8") }
        #expect(throws: ShardError.self) { try Shard(parsing: "0/0") }
        #expect(throws: ShardError.self) { try Shard(parsing: "-1/4") }
        #expect(try Shard.fromEnvironment([:]) == nil)
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "EVALCTL_SHARD_COUNT": "4"]) == Shard(index: 2, count: 4, source: ""))
        #expect(throws: ShardError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "two", "EVALCTL_SHARD_COUNT": "4"]) }
        #expect(throws: ShardError.self) { try Shard.fromEnvironment(["EVALCTL_SHARD_COUNT": "4"]) }
    }

    @Test func theDefaultRunKeyIsTheConfigurationHashAndTheUTCHour() throws {
        let date = try #require(ISO8601DateFormatter().date(from: "2026-12-02T23:59:59Z"))
        #expect(RunKey.derived(configurationHash: "0123456789abcdef", seedSalt: 0, at: date.timeIntervalSince1970) == "0123456789ab-2026120223")
        #expect(
            RunKey.derived(configurationHash: "0123456789abcdef", seedSalt: 9, at: date.timeIntervalSince1970 + 1) == "0123456789ab-2026120300-s9")
        // Leap days and the epoch's start, against Foundation's calendar (Gregorian from 1600 on; it turns Julian before 1582).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for day in stride(from: -135_000, through: 800_000, by: 997) {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            let (year, month, dayOfMonth) = RunKey.civilDate(daysSince1970: Int64(day))
            #expect([Int(year), Int(month), Int(dayOfMonth)] == [parts.year, parts.month, parts.day], "day \(day)")
        }
        #expect(try RunKey.validated("nightly-2026.12.02:eu") == "nightly-2026.12.02:eu")
        #expect(throws: ShardError.self) { try RunKey.validated("a b") }
        #expect(throws: ShardError.self) { try RunKey.validated("") }
    }

    @Test func theFingerprintFollowsThePlanNotTheRoutingKeysOrOrder() {
        let plan = SweepPlan(suites: [Self.suite], platforms: ["ref", "a"], routingKeys: ["x"])
        #expect(plan.fingerprint == SweepPlan(suites: [Self.suite], platforms: ["ref", "a"], routingKeys: ["y.1", "y.2"]).fingerprint)
        #expect(plan.fingerprint != SweepPlan(suites: [Self.suite], platforms: ["ref", "a"], routingKeys: [], seedSalt: 3).fingerprint)
        #expect(plan.fingerprint != SweepPlan(suites: [Self.suite], platforms: ["ref", "b"], routingKeys: []).fingerprint)
    }
}
