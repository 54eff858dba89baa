import EvalCore
import Testing

struct SweepPlanTests {
    let suite = Suite(
        id: "s", version: 1, description: "", defaults: SamplingParameters(samples: 2, seed: 9),
        cases: [
            EvalCase(id: "a", prompt: .text("A")),
            EvalCase(id: "b", prompt: .text("B"), overrides: SamplingOverrides(temperature: 0, samples: 3)),
        ]
    )

    @Test func expandsCasesSamplesAndPlatforms() {
        let plan = SweepPlan(suites: [suite], platforms: ["p", "q"], routingKeys: ["k1", "k2"])
        #expect(plan.count == 2 * (2 + 3))
        #expect(plan.items["p"]?.filter { $0.evalCase.id == "b" }.allSatisfy { $0.sampling.temperature == 0 } == true)
    }

    @Test func everyPlatformGetsTheSameRequests() {
        let plan = SweepPlan(suites: [suite], platforms: ["p", "q"], routingKeys: ["k1", "k2"])
        let p = plan.items["p"] ?? []
        let q = plan.items["q"] ?? []
        #expect(p.map(\.seed) == q.map(\.seed))
        #expect(p.map(\.routingKey) == q.map(\.routingKey))
    }

    @Test func seedsAreStableAndDistinct() {
        let first = SweepPlan(suites: [suite], platforms: ["p"], routingKeys: []).items["p"] ?? []
        let second = SweepPlan(suites: [suite], platforms: ["p"], routingKeys: []).items["p"] ?? []
        #expect(first.map(\.seed) == second.map(\.seed))
        #expect(Set(first.map(\.seed)).count == first.count)
        #expect(first.allSatisfy { $0.routingKey == nil })
    }

    @Test func stableHashIsFNV1a() {
        // Published FNV-1a 64 test vectors.
        #expect(StableHash.value(of: "") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.value(of: "a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.hex(of: "foobar") == "85944171f73967e8")
    }
}
