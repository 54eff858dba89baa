import Foundation
import Testing

/// A run records what its scores depend on, wherever the binary runs, and `compare` says when the
/// runs it pools were scored differently.
@Suite(.serialized)
struct ProvenanceTests {
    @Test func aBinaryCopiedOutOfTheCheckoutStillRecordsItsCommitAndTheScoringEnvironment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let binary = folder + "/evalctl"
        try FileManager.default.copyItem(atPath: EvalctlProcess.executable.path, toPath: binary)
        try """
        reference: reference
        suites: [\(EvalctlProcess.repository.path)/Evals/determinism.yaml]
        platforms:
          - {name: reference, base_url: embedded, model: evalctl-fleet-1}
          - {name: gpu-h100, base_url: embedded, model: evalctl-fleet-1}
        """.write(toFile: folder + "/evalctl.yaml", atomically: true, encoding: .utf8)
        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> EvalctlProcess.Output {
            try EvalctlProcess.runShell(["sh", "-c", "cd '\(folder)' && exec ./evalctl \"$@\"", "evalctl"] + arguments, environment: environment)
        }
        let sweep = try run(["sweep", "--config", "evalctl.yaml", "--quiet"])
        try #require(sweep.status == 0, "\(sweep.stderr)")
        let runs = try run(["runs", "--config", "evalctl.yaml", "--format", "json"])
        #expect(runs.status == 0, "\(runs.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        let provenance = try #require(list.first?["provenance"] as? [String: Any])
        #expect(provenance["evalctl_version"] as? String == "0.1.0")
        let commit = try #require(provenance["evalctl_commit"] as? String, "no commit in \(provenance)")
        #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit))
        #expect((provenance["config_hash"] as? String)?.isEmpty == false)
        let scorers = try #require(provenance["scorers"] as? [String: Any])
        #expect((scorers["language_identifier"] as? String)?.hasPrefix("fasttext lid.176") == true, "\(scorers)")
        #expect((scorers["word_lists"] as? String)?.contains("fingerprint") == true)
        let toolchains = try #require(scorers["toolchains"] as? [String: String])
        #expect(toolchains["python"]?.hasPrefix("Python 3") == true && toolchains["sqlite"]?.hasPrefix("3.") == true, "\(toolchains)")
        #expect((provenance["calibration"] as? [String: Any])?["source"] as? String == "built-in")
        let platforms = try #require(provenance["platforms"] as? [String: [String: [String]]])
        #expect(platforms["gpu-h100"]?["reported_models"] == ["evalctl-fleet-1"], "\(platforms)")

        // A second run scored by the word lists alone: compare warns that its runs are not scored alike.
        let other = try run(["sweep", "--config", "evalctl.yaml", "--quiet"], environment: ["EVALCTL_LANGUAGE_ID": "wordlists"])
        try #require(other.status == 0, "\(other.stderr)")
        let compare = try run(["compare", "reference", "gpu-h100", "--config", "evalctl.yaml"])
        #expect(compare.status == 0)
        #expect(compare.stderr.contains("scored in 2 different environments"), "\(compare.stderr)")
        // The fleet's platforms count a prompt alike (one tokenizer, one template).
        #expect(compare.stdout.contains("prompt tokens as reported (run 2): the same on all"), "\(compare.stdout)")
    }
}
