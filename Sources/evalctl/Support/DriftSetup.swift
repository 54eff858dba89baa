import EvalBackends
import EvalConfig
import EvalCore
import EvalPostgres
import Foundation
import Logging

/// Drift scoring's thresholds and the reference replay of a sweep.
enum DriftSetup {
    /// The calibration file next to a store.
    static func defaultCalibrationPath(store: String) -> String {
        // A PostgreSQL store has no folder: its calibration is kept where a default store's is.
        if PostgresURL.isPostgres(store) { return "results/drift-calibration.json" }
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

    /// A sweep's drift scorer, and what the reference's teacher-forcing probe found.
    struct Prepared {
        var scorer: DriftScorer
        /// One line for the run's `drift-replay` note.
        var replayNote: String
    }

    /// Prepares the drift scorer of a sweep: the reference's answers shared for the aligned method,
    /// and its teacher-forcing method, detected and then verified by a probe on the sweep's first
    /// case.
    ///
    /// A method that fails the probe is not used: teacher-forced metrics are then not scored
    /// in this sweep, and the note says why.
    ///
    /// Without a calibration file, the built-in thresholds hold for evalctl's own fleet only: against
    /// another reference the log-probability gap (pure kernel numerics) is stored unjudged.
    static func prepare(
        configuration: EvalConfiguration, plan: SweepPlan, thresholds: DriftThresholds, referenceIsEmbedded: Bool, transport: HTTPTransport,
        logger: Logger
    ) async -> Prepared {
        var thresholds = thresholds
        var uncalibrated = ""
        if thresholds.source == DriftThresholds().source, !referenceIsEmbedded {
            thresholds.judgesLogprobGap = false
            uncalibrated = "; drift-logprob unjudged until `evalctl calibrate` measures this reference's numerics"
        }
        guard let reference = configuration.referencePlatform else {
            return Prepared(scorer: DriftScorer(replayer: nil, thresholds: thresholds), replayNote: "no reference platform")
        }
        let answers = ReferenceAnswers(reference: reference.name, planned: plan.items[reference.name] ?? [])
        // Without a verified teacher-forcing method, the aligned method judges drift.
        let aligned = { (why: String) in
            Prepared(
                scorer: DriftScorer(replayer: nil, referenceAnswers: answers, thresholds: thresholds),
                replayNote: "reference '\(reference.name)': \(why); drift judged by the aligned method"
            )
        }
        let key = reference.apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }.map(APIKey.init)
        let forcers = await BackendFactory.teacherForcers(for: reference, apiKey: key, transport: transport)
        guard !forcers.isEmpty else {
            let why =
                reference.wireProtocol.reportsLogprobs
                ? "teacher_forcing: none" : "protocol \(reference.wireProtocol.rawValue) reports no log-probabilities"
            return aligned("no teacher forcing (\(why))")
        }
        guard let probeCase = plan.items[reference.name]?.first?.evalCase,
            let chat = try? BackendFactory.makeBackend(for: reference, apiKey: key, transport: transport)
        else {
            return aligned("no request planned to probe teacher forcing with")
        }
        // The first method the probe verifies is used; each refusal is kept for the note.
        var refusals: [String] = []
        var verified: (forcer: any TeacherForcing, finding: ReplayProbe.Finding)?
        for forcer in forcers where verified == nil {
            let finding = await ReplayProbe().run(forcer: forcer, chat: chat, model: reference.model, prompt: probeCase.prompt, logger: logger)
            if finding.verified { verified = (forcer, finding) } else { refusals.append("\(finding)") }
        }
        let refused = refusals.isEmpty ? "" : "; " + refusals.joined(separator: "; ")
        guard let (forcer, finding) = verified else {
            return aligned(refusals.joined(separator: "; "))
        }
        // Teacher forcing judges every token of every answer; the aligned method, which sees only the
        // prefix two answers share, would add a weaker test of the same thing and cost the others power.
        let replayer = ReferenceReplayer(source: forcer, topLogprobs: 20, policy: RetryPolicy(maxAttempts: max(1, reference.maxAttempts)))
        return Prepared(
            scorer: DriftScorer(replayer: replayer, thresholds: thresholds),
            replayNote: "reference '\(reference.name)': \(finding)\(refused)\(uncalibrated)")
    }
}
