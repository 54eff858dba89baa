import EvalCore
import EvalStore
import Foundation

/// A store of synthetic runs written through the store's own API, with failures drawn at known
/// rates and every count returned, so command outputs can be checked against the truth.
struct SyntheticHistory {
    var platforms = ["reference", "healthy", "broken"]
    var suites = ["prose", "code"]
    var cases = 10
    var samples = 2
    var metrics = ["language-mix", "code-syntax"]
    /// The output of a failed `language-mix` sample: hostile, to check escaping.
    static let hostileOutput = #"Hello <script>document.title='PWNED'</script><img src=x onerror="alert(1)"> 世界"#

    /// Counts written: platform → suite → metric → (failed, judged).
    typealias Counts = [String: [String: [String: (failed: Int, judged: Int)]]]

    /// Appends runs to the store at `path`.
    ///
    /// - Parameters:
    ///   - runs: How many runs, an hour apart from `start`.
    ///   - rate: Failure rate of a platform's metric in a run (by index).
    ///   - infraRate: Share of a platform's requests that fail at the infrastructure level.
    @discardableResult
    func write(
        path: String, runs: Int, start: Double, seed: UInt64, rate: (String, String, Int) -> Double, infraRate: (String) -> Double = { _ in 0 }
    ) async throws -> Counts {
        let store = try ResultStore(path: path)
        let configuration = EvalConfiguration(
            reference: platforms[0], platforms: platforms.map { PlatformConfiguration(name: $0, baseURL: "http://127.0.0.1:9/v1", model: "m") }
        )
        let suiteValues = suites.map { id in
            Suite(
                id: id, version: 1, description: id, defaults: SamplingParameters(),
                cases: (0..<cases).map { EvalCase(id: "case-\($0)", prompt: .text("prompt \(id) \($0)")) })
        }
        let provenance = ResultStore.Provenance(evalctlVersion: "test", gitCommit: nil, gitDirty: nil, host: nil)
        var generator = SplitMix64(seed: seed)
        var counts: Counts = [:]
        for runIndex in 0..<runs {
            let recorder = try await store.beginRun(
                configuration: configuration, suites: suiteValues, provenance: provenance, startedAt: start + Double(runIndex) * 3600)
            for platform in platforms {
                for suite in suiteValues {
                    for evalCase in suite.cases {
                        for sampleIndex in 0..<samples {
                            let work = WorkItem(
                                platform: platform, suiteID: suite.id, suiteVersion: 1, evalCase: evalCase, sampleIndex: sampleIndex,
                                sampling: SamplingParameters(), seed: UInt64(sampleIndex), routingKey: "rk"
                            )
                            if generator.nextUniform() < infraRate(platform) {
                                let result = SampleResult(work: work, outcome: .failure(InfraError(.timeout, "slow")), latency: 1, attempts: 3)
                                try await recorder.record(result, scores: [])
                                continue
                            }
                            var scores: [Score] = []
                            var output = "The answer to \(evalCase.id) is short."
                            for metric in metrics {
                                let failed = generator.nextUniform() < rate(platform, metric, runIndex)
                                if failed && metric == "language-mix" { output = Self.hostileOutput }
                                scores.append(Score(scorer: metric, value: failed ? 1 : 0, passed: !failed))
                                var cell = counts[platform, default: [:]][suite.id, default: [:]][metric] ?? (0, 0)
                                cell = (cell.failed + (failed ? 1 : 0), cell.judged + 1)
                                counts[platform, default: [:]][suite.id, default: [:]][metric] = cell
                            }
                            let result = SampleResult(
                                work: work, outcome: .success(Completion(text: output, finishReason: "stop")), latency: 0.1, attempts: 1)
                            try await recorder.record(result, scores: scores)
                        }
                    }
                }
            }
            try await store.finishRun(recorder.runID, status: .complete, endedAt: start + Double(runIndex) * 3600 + 60)
        }
        return counts
    }

    /// A configuration file naming the same platforms, with alert sinks.
    func configuration(store: String, sinks: String) -> String {
        var lines = ["store: \(store)", "reference: \(platforms[0])", "platforms:"]
        for platform in platforms {
            lines += ["  - name: \(platform)", "    base_url: http://127.0.0.1:9/v1", "    model: m"]
        }
        lines += ["alerts:", "  sinks:", sinks]
        return lines.joined(separator: "\n") + "\n"
    }
}
