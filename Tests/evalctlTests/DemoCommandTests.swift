import Foundation
import Testing

/// `evalctl plan` and `evalctl demo` as a user runs them.
@Suite(.serialized)
struct DemoCommandTests {
    @Test func planSizesSweepsForEachMetricAndSaysWhenAFaultCannotBeSeen() throws {
        let plan = try EvalctlProcess.run(["plan", "--rate", "0.008", "--power", "0.95", "--format", "json"])
        #expect(plan.status == 0, "stderr: \(plan.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(
            rows.map { $0["metric"] as? String ?? "" } == [
                "drift-self", "drift-nucleus", "drift-logprob", "drift-greedy", "drift-aligned", "language-mix",
            ])
        for row in rows {
            let samples = try #require(row["samples"] as? Int, "\(row)")
            #expect(samples > 100 && samples < 20_000)
            #expect((row["power"] as? Double ?? 0) >= 0.95)
            #expect(row["prompts"] as? Int == (samples + 2) / 3)
        }
        // Twice the sweeps to detect in: fewer samples per sweep.
        let patient = try EvalctlProcess.run([
            "plan", "--rate", "0.008", "--power", "0.95", "--sweeps", "4", "--metric", "drift-nucleus", "--format", "json",
        ])
        let patientRows = try #require(
            (try JSONSerialization.jsonObject(with: Data(patient.stdout.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
        #expect((patientRows.first?["samples"] as? Int ?? .max) < (rows[1]["samples"] as? Int ?? 0))

        let hopeless = try EvalctlProcess.run(["plan", "--rate", "0.0005", "--power", "0.9", "--metric", "language-mix"])
        #expect(hopeless.status == 0)
        #expect(hopeless.stdout.contains("not detectable"), "\(hopeless.stdout)")

        let bad = try EvalctlProcess.run(["plan", "--rate", "1.5", "--power", "0.9"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'--rate' must be in (0, 1), got 1.5"), "\(bad.stderr)")
    }

    /// One simulated day: every hourly sweep stored and judged, the scorecard and the report written.
    @Test func aOneDayReplayStoresEverySweepAndReportsEachBug() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-demo-\(UUID().uuidString)")
        let store = folder.appendingPathComponent("demo.sqlite").path
        let report = folder.appendingPathComponent("demo.html").path
        let demo = try EvalctlProcess.run(["demo", "--days", "1", "--samples", "1", "--drift-only", "--store", store, "--out", report])
        #expect([0, 1].contains(demo.status), "stderr: \(demo.stderr)")
        #expect(demo.stdout.contains("24 sweeps"), "\(demo.stdout)")
        for bug in ["context-misroute", "token-corruption", "approx-topk"] {
            #expect(demo.stdout.contains(bug), "no row for \(bug):\n\(demo.stdout)")
        }
        #expect(demo.stdout.contains("healthy control"))
        // The verdict line and the exit status say the same.
        #expect(demo.stdout.contains("CLAIM NOT MET") == (demo.status == 1))
        let runs = try EvalctlProcess.run(["runs", "--store", store, "--limit", "100"])
        #expect(runs.status == 0)
        #expect(runs.stdout.split(separator: "\n").filter { $0.contains("complete") }.count == 24, "\(runs.stdout)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(html.contains("Aug 2025"), "runs carry the incident's dates")
    }
}
