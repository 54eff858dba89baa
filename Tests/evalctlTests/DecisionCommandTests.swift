import Foundation
import Testing

/// `evalctl gate`, `compare`, `alerts` and `report` on stores of synthetic runs with known counts.
struct DecisionCommandTests {
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// Parses a JUnit file with junitparser (a real JUnit reader, from PyPI into .venv-test by `make test`)
    /// and returns its (tests, failures, errors) and the failed test case names.
    static func junit(_ path: String) throws -> (tests: Int, failures: Int, errors: Int, failed: [String])? {
        let python = EvalctlProcess.repository.appendingPathComponent(".venv-test/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no \(python): run `make test`, which installs junitparser into .venv-test")
            return nil
        }
        let script = """
            import sys, json
            from junitparser import JUnitXml, Failure, Error
            xml = JUnitXml.fromfile(sys.argv[1])
            tests = failures = errors = 0
            failed = []
            for suite in xml:
                for case in suite:
                    tests += 1
                    for result in case.result:
                        if isinstance(result, Failure):
                            failures += 1; failed.append(case.classname + "/" + case.name)
                        elif isinstance(result, Error):
                            errors += 1
            print(json.dumps([tests, failures, errors, failed]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let parsed = try JSONSerialization.jsonObject(with: data) as? [Any] else {
            Issue.record("junitparser could not read \(path)")
            return nil
        }
        return (parsed[0] as? Int ?? -1, parsed[1] as? Int ?? -1, parsed[2] as? Int ?? -1, parsed[3] as? [String] ?? [])
    }

    @Test func gateExitsZeroOnHealthyDataOneOnARegressionTwoWhenItCannotJudge() async throws {
        var history = SyntheticHistory()
        history.platforms = ["reference", "healthy", "broken", "offline"]
        // Enough samples for the gate to see a 10-point regression (its limit): 20 cases × 16.
        history.cases = 20
        history.samples = 16
        let store = EvalctlProcess.temporaryStore()
        try await history.write(
            path: store, runs: 1, start: 1_760_000_000, seed: 1,
            rate: { platform, metric, _ in platform == "broken" && metric == "language-mix" ? 0.3 : 0.02 },
            infraRate: { $0 == "offline" ? 0.5 : 0 }
        )
        let folder = (store as NSString).deletingLastPathComponent

        let healthy = try EvalctlProcess.run([
            "gate", "--store", store, "--candidate", "healthy", "--junit", folder + "/healthy.xml", "--markdown", folder + "/healthy.md",
        ])
        #expect(healthy.status == 0, "\(healthy.stdout)\(healthy.stderr)")
        if let report = try Self.junit(folder + "/healthy.xml") {
            // 2 suites + the pooled row, × 2 metrics.
            #expect(report.tests == 6 && report.failures == 0 && report.errors == 0)
        }
        #expect(try String(contentsOfFile: folder + "/healthy.md", encoding: .utf8).contains("PASS"))

        let broken = try EvalctlProcess.run([
            "gate", "--store", store, "--candidate", "broken", "--junit", folder + "/broken.xml", "--markdown", folder + "/broken.md",
        ])
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        if let report = try Self.junit(folder + "/broken.xml") {
            #expect(report.tests == 6 && report.failures >= 1 && report.errors == 0)
            #expect(report.failed.allSatisfy { $0.hasSuffix("/language-mix") } && report.failed.contains("evalctl.gate.*/language-mix"))
        }
        #expect(try String(contentsOfFile: folder + "/broken.md", encoding: .utf8).contains("FAIL: quality regression"))

        let offline = try EvalctlProcess.run(["gate", "--store", store, "--candidate", "offline", "--junit", folder + "/offline.xml"])
        #expect(offline.status == 2 && offline.stdout.contains("cannot judge"), "\(offline.stdout)\(offline.stderr)")
        if let report = try Self.junit(folder + "/offline.xml") { #expect(report.errors == 1) }

        let unknown = try EvalctlProcess.run(["gate", "--store", store, "--candidate", "nosuch"])
        #expect(unknown.status == 2 && unknown.stderr.contains("nosuch"))
    }

    /// Each bug at 5% of requests, one small sweep: the gate flags the faulty platforms or says it
    /// cannot judge (stating what it could have missed) — it never passes them.
    @Test func aSmallRunNeverPassesAFaultyPlatform() throws {
        let store = EvalctlProcess.temporaryStore()
        let sweep = try EvalctlProcess.run(["sweep", "--store", store, "--scenario", "faulty", "--suite", "english-prose", "--quiet"])
        try #require(sweep.status == 0, "\(sweep.stderr)")
        for platform in ["gpu-h100", "tpu-v5e", "trainium"] {
            let gate = try EvalctlProcess.run(["gate", "--store", store, "--candidate", platform])
            #expect(gate.status == 1 || gate.status == 2, "\(platform): \(gate.stdout)")
            #expect(
                gate.stdout.contains("FAIL: quality regression") || gate.stdout.contains("too few samples to rule out a regression"), "\(gate.stdout)"
            )
            #expect(gate.stdout.contains("detectable = the smallest increase in failure rate"))
        }
    }

    @Test func compareJSONMatchesTheCountsWritten() async throws {
        let history = SyntheticHistory()
        let store = EvalctlProcess.temporaryStore()
        let counts = try await history.write(
            path: store, runs: 3, start: 1_760_000_000, seed: 2,
            rate: { platform, metric, _ in platform == "broken" && metric == "language-mix" ? 0.4 : 0.05 }
        )
        let output = try EvalctlProcess.run(["compare", "reference", "broken", "--store", store, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let root = try #require(try Self.json(output.stdout) as? [String: Any])
        #expect(root["a"] as? String == "reference" && root["b"] as? String == "broken" && root["runs"] as? Int == 3)
        let rows = try #require(root["rows"] as? [[String: Any]])
        #expect(rows.count == 6)
        for row in rows {
            let suite = try #require(row["suite"] as? String)
            let metric = try #require(row["metric"] as? String)
            func truth(_ platform: String) -> (Int, Int) {
                let suites = suite == "*" ? history.suites : [suite]
                return suites.reduce((0, 0)) { sum, name in
                    let cell = counts[platform]?[name]?[metric] ?? (0, 0)
                    return (sum.0 + cell.failed, sum.1 + cell.judged)
                }
            }
            let (aFailed, aJudged) = truth("reference")
            let (bFailed, bJudged) = truth("broken")
            #expect(row["a_failed"] as? Int == aFailed && row["a_judged"] as? Int == aJudged, "\(suite)/\(metric)")
            #expect(row["b_failed"] as? Int == bFailed && row["b_judged"] as? Int == bJudged, "\(suite)/\(metric)")
            let a = try #require(row["a"] as? Double)
            let b = try #require(row["b"] as? Double)
            let delta = try #require(row["delta"] as? Double)
            #expect(abs(a - Double(aFailed) / Double(aJudged)) < 1e-5 && abs(b - Double(bFailed) / Double(bJudged)) < 1e-5)
            #expect(abs(delta - (b - a)) < 1e-5)
            let low = try #require(row["ci_low"] as? Double)
            let high = try #require(row["ci_high"] as? Double)
            #expect(low <= delta && delta <= high && low >= -1 && high <= 1)
            let p = try #require(row["p_value"] as? Double)
            #expect(p >= 0 && p <= 1)
            let regression = try #require(row["regression"] as? Bool)
            #expect(regression == (metric == "language-mix"), "\(suite)/\(metric): p \(p), delta \(delta)")
        }
        let examples = try #require(root["examples"] as? [[String: Any]])
        #expect(!examples.isEmpty)
        let first = try #require(examples.first)
        #expect(first["metric"] as? String == "language-mix" && first["output"] as? String == SyntheticHistory.hostileOutput)
        let diff = try #require(first["diff"] as? [[String: Any]])
        #expect(diff.contains { $0["op"] as? String == "+" } && diff.contains { $0["op"] as? String == "=" })
        // The raw JSON never carries an angle bracket of the model's output.
        #expect(!output.stdout.contains("<script>"))
    }

    @Test func alertsOpenOnceStayDeduplicatedAndResolve() async throws {
        let history = SyntheticHistory()
        let store = EvalctlProcess.temporaryStore()
        let folder = (store as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/evalctl.yaml"
        let sinks = """
                - type: jsonl
                  path: \(folder)/alerts.jsonl
                - type: openmetrics
                  path: \(folder)/evalctl.prom
            """
        try history.configuration(store: store, sinks: sinks).write(toFile: config, atomically: true, encoding: .utf8)
        func detect() throws -> [[String: Any]] {
            let output = try EvalctlProcess.run(["alerts", "--config", config, "--detect", "--format", "json"])
            #expect(output.status == 0, "\(output.stderr)")
            return try #require(try Self.json(output.stdout) as? [[String: Any]])
        }
        let healthyRate: (String, String, Int) -> Double = { _, _, _ in 0.02 }
        try await history.write(path: store, runs: 30, start: 1_760_000_000, seed: 3, rate: healthyRate)
        #expect(try detect().isEmpty, "no alert on healthy runs")

        try await history.write(path: store, runs: 4, start: 1_760_000_000 + 30 * 3600, seed: 4) { platform, metric, _ in
            platform == "broken" && metric == "language-mix" ? 0.5 : 0.02
        }
        let opened = try detect()
        #expect(!opened.isEmpty)
        for alert in opened {
            #expect(alert["platform"] as? String == "broken" && alert["metric"] as? String == "language-mix" && alert["status"] as? String == "open")
            #expect(alert["opened_at"] is String && alert["suite"] is String)
            let evidence = try #require(alert["evidence"] as? [String: Any])
            #expect(
                evidence["category"] as? String == "quality"
                    && (evidence["statistic"] as? Double ?? 0) > (evidence["threshold"] as? Double ?? .infinity))
        }
        let streams = opened.map { "\($0["platform"] ?? "")/\($0["suite"] ?? "")/\($0["metric"] ?? "")" }
        #expect(Set(streams).count == streams.count, "one open alert per stream")
        #expect(try detect().count == opened.count, "detection again opens nothing new")
        let metrics = try String(contentsOfFile: folder + "/evalctl.prom", encoding: .utf8)
        #expect(metrics.contains("evalctl_alert_open{platform=\"broken\"") && metrics.hasSuffix("# EOF\n"))

        try await history.write(path: store, runs: 30, start: 1_760_000_000 + 34 * 3600, seed: 5, rate: healthyRate)
        let after = try detect()
        #expect(after.count == opened.count && after.allSatisfy { $0["status"] as? String == "resolved" && $0["resolved_at"] is String })
        let lines = try String(contentsOfFile: folder + "/alerts.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 * opened.count, "each alert delivered when it opened and when it resolved")
        #expect(!(try String(contentsOfFile: folder + "/evalctl.prom", encoding: .utf8)).contains("evalctl_alert_open{"))
    }

    @Test func reportIsSelfContainedAndKeepsModelOutputInert() async throws {
        let history = SyntheticHistory()
        let store = EvalctlProcess.temporaryStore()
        try await history.write(
            path: store, runs: 5, start: 1_760_000_000, seed: 6,
            rate: { platform, metric, _ in platform == "broken" && metric == "language-mix" ? 0.5 : 0.02 }
        )
        let out = (store as NSString).deletingLastPathComponent + "/report.html"
        let result = try EvalctlProcess.run(["report", "--store", store, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"))
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil && !html.contains("onerror=\""))
        #expect(html.contains("Content-Security-Policy") && html.contains("<svg") && html.contains("<polyline"))
        // Nothing is loaded from anywhere: no element has a src or href.
        #expect(html.range(of: #"<[a-zA-Z][^>]*\s(src|href)="#, options: .regularExpression) == nil)
    }
}
