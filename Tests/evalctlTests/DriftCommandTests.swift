import Foundation
import Testing

/// Drift end to end: the embedded fleet over loopback, the reference's batched replay, the store,
/// and `evalctl drift`.
@Suite(.serialized)
struct DriftCommandTests {
    @Test func eachFaultIsFlaggedOnItsPlatformAndTheReferenceIsNot() throws {
        let store = EvalctlProcess.temporaryStore()
        let sweep = try EvalctlProcess.run([
            "sweep", "--store", store, "--scenario", "faulty", "--suite", "determinism", "--suite", "english-prose", "--suite", "multilingual",
            "--quiet",
        ])
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        let drift = try EvalctlProcess.run(["drift", "--store", store, "--format", "json"])
        #expect(drift.status == 0, "stderr: \(drift.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        let platforms = try #require(json["platforms"] as? [[String: Any]])
        var verdicts: [String: (flagged: Bool, p: Double, metric: String?)] = [:]
        for platform in platforms {
            verdicts[platform["platform"] as? String ?? ""] = (
                platform["flagged"] as? Bool ?? false, platform["p_value"] as? Double ?? 1, platform["metric"] as? String
            )
        }
        // Each postmortem bug at 5% of requests, on its own platform (see FleetScenario.faulty).
        #expect(verdicts["gpu-h100"]?.flagged == true, "context misroute: \(String(describing: verdicts["gpu-h100"]))")
        #expect(verdicts["tpu-v5e"]?.flagged == true, "token corruption: \(String(describing: verdicts["tpu-v5e"]))")
        #expect(verdicts["trainium"]?.flagged == true, "approximate top-k: \(String(describing: verdicts["trainium"]))")
        #expect(verdicts["trainium"]?.metric == "drift-self", "a dropped top token shows in the platform's own report")
        #expect(verdicts["reference"]?.flagged == false && (verdicts["reference"]?.p ?? 0) > 0.5, "reference against itself")
        let cells = try #require(json["cells"] as? [[String: Any]])
        let pooled = cells.first {
            $0["platform"] as? String == "tpu-v5e" && $0["suite"] as? String == "*" && $0["metric"] as? String == "drift-nucleus"
        }
        #expect((pooled?["failed"] as? Int ?? 0) > 0)
        #expect((pooled?["ci_low"] as? Double ?? -1) > 0 && (pooled?["ci_high"] as? Double ?? 0) < 1)
        #expect(!cells.contains { $0["unit"] as? String == "token" }, "no per-token test without a per-token calibration")

        // With a per-token null rate for drift-self, the same run is also tested token by token:
        // the store sums each sample's judged tokens and violations.
        let calibration = store + ".calibration.json"
        try Data(
            #"{"referenceSlack":0.1,"selfSlack":0.01,"logprobFloor":-20,"meanLogprobGap":0.02,"greedyMargin":0.5,"topN":5,"vocabularySize":262144,"nullRates":{"drift-self":0.000664,"drift-nucleus":0.000664,"drift-logprob":0.001328,"drift-greedy":0.002874},"tokenNullRates":{"drift-self":0.0001},"alpha":0.001,"source":"test"}"#
                .utf8
        ).write(to: URL(fileURLWithPath: calibration))
        let perToken = try EvalctlProcess.run(["drift", "--store", store, "--format", "json", "--calibration", calibration])
        #expect(perToken.status == 0, "stderr: \(perToken.stderr)")
        let tokenJSON = try #require(try JSONSerialization.jsonObject(with: Data(perToken.stdout.utf8)) as? [String: Any])
        let tokenCells = try #require(tokenJSON["cells"] as? [[String: Any]]).filter {
            $0["unit"] as? String == "token" && $0["suite"] as? String == "*"
        }
        let trainium = try #require(tokenCells.first { $0["platform"] as? String == "trainium" })
        let reference = try #require(tokenCells.first { $0["platform"] as? String == "reference" })
        #expect((trainium["judged"] as? Int ?? 0) > (trainium["failed"] as? Int ?? 0) && (trainium["failed"] as? Int ?? 0) > 0)
        #expect((reference["judged"] as? Int ?? 0) > 0 && reference["failed"] as? Int == 0)
        let table = try EvalctlProcess.run(["drift", "--store", store, "--calibration", calibration])
        #expect(table.stdout.contains("drift-self fail (tokens)"), "\(table.stdout)")
    }

    @Test func calibrationWritesAPerTokenNullRateForDriftSelf() throws {
        let store = EvalctlProcess.temporaryStore()
        let calibrate = try EvalctlProcess.run(["calibrate", "--store", store, "--sweeps", "2", "--suite", "determinism"])
        #expect(calibrate.status == 0, "stderr: \(calibrate.stderr)")
        #expect(calibrate.stdout.contains("drift-self     token"), "\(calibrate.stdout)")
        let file = URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("drift-calibration.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let tokenRates = try #require(json["tokenNullRates"] as? [String: Double])
        let sampleRates = try #require(json["nullRates"] as? [String: Double])
        // Zero violations in every token judged: the per-token bound is far below the per-sample one.
        #expect((tokenRates["drift-self"] ?? 1) < (sampleRates["drift-self"] ?? 0) / 10)
    }

    @Test func aHealthyFleetIsNotFlagged() throws {
        let store = EvalctlProcess.temporaryStore()
        let sweep = try EvalctlProcess.run(["sweep", "--store", store, "--suite", "determinism", "--seed", "7"])
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        #expect(sweep.stdout.contains("drift against the reference"))
        let drift = try EvalctlProcess.run(["drift", "--store", store, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        let platforms = try #require(json["platforms"] as? [[String: Any]])
        #expect(platforms.count == 4)
        #expect(platforms.allSatisfy { $0["flagged"] as? Bool == false }, "\(platforms)")
    }

    @Test func aPlatformWithoutLogprobsIsTestedOnItsOutputsAndTheReportStatesThePowerItHad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-mmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("evalctl.yaml").path
        try """
        reference: reference
        store: \(folder.path)/evalctl.sqlite
        suites: [\(EvalctlProcess.repository.path)/Evals/determinism.yaml]
        platforms:
          - {name: reference, base_url: embedded, model: evalctl-fleet-1}
          - {name: tpu-v5e, protocol: anthropic, base_url: embedded, model: evalctl-fleet-1}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let sweep = try EvalctlProcess.run(["sweep", "--config", config, "--seed", "3"])
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        // The Messages API reports no log-probabilities: the two-sample test, and what it could see.
        #expect(sweep.stdout.contains("tpu-v5e: no log-probabilities; drift-mmd (two-sample, per case) over"), "\(sweep.stdout)")
        #expect(sweep.stdout.contains("smallest attainable p = "))
        let drift = try EvalctlProcess.run(["drift", "--config", config, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let mmd = try #require(
            cells.first { $0["platform"] as? String == "tpu-v5e" && $0["metric"] as? String == "drift-mmd" && $0["suite"] as? String == "*" })
        #expect(mmd["method"] as? String == "two-sample")
        let attainable = try #require(mmd["attainable_p"] as? Double)
        #expect(attainable > 0 && attainable <= (mmd["p_value"] as? Double ?? 0))
    }

    @Test func aMalformedCalibrationFileExitsWithTwoNamingTheFileAndField() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broken = folder.appendingPathComponent("broken.json").path
        try "{\n  \"alpha\": 0.001,\n  \"nullRates\": {\"drift-self\": 0.1,}\n}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let store = EvalctlProcess.temporaryStore()
        let syntax = try EvalctlProcess.run(["sweep", "--store", store, "--suite", "determinism", "--calibration", broken])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("\(broken):3:"), "stderr: \(syntax.stderr)")
        let wrong = folder.appendingPathComponent("wrong.json").path
        let valid =
            "\"referenceSlack\":0.1,\"selfSlack\":0.01,\"logprobFloor\":-20,\"meanLogprobGap\":0.02,\"greedyMargin\":0.5,\"topN\":5,\"vocabularySize\":1000,\"source\":\"t\""
        try "{\(valid),\"alpha\":0.001,\"nullRates\":{\"drift-self\":1.5}}".write(toFile: wrong, atomically: true, encoding: .utf8)
        let field = try EvalctlProcess.run(["sweep", "--store", store, "--suite", "determinism", "--calibration", wrong])
        #expect(field.status == 2)
        #expect(field.stderr.contains("\(wrong): key 'nullRates.drift-self'"), "stderr: \(field.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store), "nothing was swept or stored")
    }
}
