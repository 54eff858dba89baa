import EvalConfig
import EvalFleet
import Testing

struct ScenarioLoaderTests {
    @Test func readsFaultSchedulesWithAnEnd() throws {
        let yaml = """
            model: evalctl-fleet-1
            reference: reference
            platforms:
              - {name: reference, numerics: exact, replicas: 2}
              - name: gpu-h100
                numerics: bf16
                faults:
                  - {kind: context-misroute, rate: 0.008, start: 3600}
                  - {kind: context-misroute, rate: 0.16, start: 86400, end: 172800}
            """
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "s.yaml")
        let platform = try #require(scenario.platform(named: "gpu-h100"))
        #expect(platform.faults.count == 2)
        #expect(platform.faults[1].end == 172_800)
        #expect(platform.faults[1].rate(at: 100_000) == 0.16)
        #expect(platform.faults[1].rate(at: 172_800) == 0)
        #expect(platform.faults[0].rate(at: 172_800) == 0.008)
    }

    @Test func anEndBeforeTheStartNamesTheFaultAndLine() {
        let yaml = """
            platforms:
              - name: gpu-h100
                faults:
                  - {kind: token-corruption, rate: 0.05, start: 600, end: 60}
            """
        #expect {
            try ScenarioLoader.parse(yaml: yaml, file: "s.yaml")
        } throws: { error in
            "\(error)".hasPrefix("s.yaml:4:") && "\(error)".contains("platforms[0].faults[0].end") && "\(error)".contains("after 'start'")
        }
    }
}
