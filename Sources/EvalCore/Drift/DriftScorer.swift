/// Replays each sample's sampling against its own report and against the reference platform's
/// teacher-forced distribution, and stores one score per drift rule.
public struct DriftScorer: RequestScorer {
    /// Where the reference's distributions come from (`nil`: the reference cannot teacher-force,
    /// and only self-consistency is scored).
    public let replayer: ReferenceReplayer?
    /// Tolerances.
    public let thresholds: DriftThresholds

    /// Creates a scorer.
    public init(replayer: ReferenceReplayer?, thresholds: DriftThresholds) {
        self.replayer = replayer
        self.thresholds = thresholds
    }

    public func scores(_ completion: Completion, for item: WorkItem) async -> [Score] {
        // Without token log-probabilities there is nothing to replay; the distribution test
        // covers such platforms from their outputs.
        guard !completion.tokens.isEmpty else { return [] }
        let rule = SamplingRule(item.sampling)
        let transcript = item.evalCase.prompt.transcript
        var reference: [ForcedToken]?
        var problem: String?
        if let replayer {
            switch await replayer.forced(transcript + completion.tokens.map(\.token).joined()) {
            case .success(let tokens): reference = tokens
            case .failure(let error): problem = "reference replay failed: \(error)"
            }
        }
        let drift = SampleDrift.analyze(
            sampled: completion.tokens, rule: rule, reference: reference, answerStart: transcript.unicodeScalars.count, thresholds: thresholds
        )
        return drift.scores(thresholds: thresholds, referenceProblem: problem)
    }
}
