import EvalCore
import EvalStore
import Foundation

/// One detection pass over a store: every detector advanced over the runs it has not seen, the
/// alerts it opened or resolved stored with the detectors' states in one transaction.
enum AlertDetection {
    struct Outcome {
        /// Alerts opened or resolved by this pass.
        var changed: [AlertRecord]
        /// The CUSUM threshold in force.
        var threshold: Double
    }

    /// Runs a pass.
    ///
    /// Takes the store's lock, so two passes never judge the same run twice.
    static func run(store: ResultStore, storePath: String, configuration: EvalConfiguration) async throws -> Outcome {
        let lock = try StoreTarget(storePath, passwordVariable: configuration.storePasswordVariable).lock()
        defer { withExtendedLifetime(lock) {} }
        let thresholds = try DriftSetup.thresholds(explicitPath: nil, store: storePath)
        return try await pass(store: store, configuration: configuration, thresholds: thresholds)
    }

    /// Runs a pass while the caller holds the store's lock (`evalctl demo`, which sweeps and
    /// detects in turn), with the drift thresholds whose null rates are the baselines' floors.
    static func pass(store: ResultStore, configuration: EvalConfiguration, thresholds: DriftThresholds) async throws -> Outcome {
        var policy = configuration.alertPolicy
        for metric in DriftMetric.allCases where policy.priorNullRates[metric.rawValue] == nil {
            policy.priorNullRates[metric.rawValue] = thresholds.nullRate(of: metric)
        }
        guard let reference = try store.referencePlatform() else { return Outcome(changed: [], threshold: 0) }
        let first = try store.firstRunForDetection(lookBack: policy.baselineRuns + policy.historyGap)
        let runs = try store.runTallies(fromRunID: first)
        let detector = RegressionDetector(policy: policy, reference: reference)
        let outcome = detector.advance(runs: runs, states: try store.detectorStates(), openStreams: try store.openAlertStreams())
        let changed = try await store.applyDetection(outcome)
        return Outcome(changed: changed, threshold: outcome.threshold)
    }
}
