import EvalBackends
import EvalConfig
import EvalCore
import Foundation

/// Drift scoring's thresholds and the reference replay of a sweep.
enum DriftSetup {
    /// The calibration file next to a store.
    static func defaultCalibrationPath(store: String) -> String {
        let folder = (store as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("drift-calibration.json")
    }

    /// The thresholds in force: `--calibration` (which must exist), else the calibration file next
    /// to the store when there is one, else the defaults.
    static func thresholds(explicitPath: String?, store: String) throws -> DriftThresholds {
        if let explicitPath { return try CalibrationFile.load(path: explicitPath) }
        let path = defaultCalibrationPath(store: store)
        guard FileManager.default.fileExists(atPath: path) else { return DriftThresholds() }
        return try CalibrationFile.load(path: path)
    }

    /// The drift scorer of a sweep: the reference teacher-forces through its base URL's
    /// `/completions` (OpenAI protocols); an Anthropic reference has no log-probabilities, and
    /// only self-consistency is scored.
    static func scorer(configuration: EvalConfiguration, thresholds: DriftThresholds, transport: HTTPTransport) -> DriftScorer {
        guard let reference = configuration.referencePlatform, reference.wireProtocol != .anthropic else {
            return DriftScorer(replayer: nil, thresholds: thresholds)
        }
        let key = reference.apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }.map(APIKey.init)
        let backend = OpenAICompletionsBackend(platform: reference, apiKey: key, transport: transport)
        return DriftScorer(
            replayer: ReferenceReplayer(source: backend, topLogprobs: 20, policy: RetryPolicy(maxAttempts: max(1, reference.maxAttempts))),
            thresholds: thresholds
        )
    }
}
