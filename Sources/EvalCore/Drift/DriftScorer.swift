/// Scores each sample for drift against the reference platform, by every method the platforms allow.
///
/// The methods:
///
/// - **self-report** (`drift-self`): the sampled tokens replayed against the platform's own reported
///   distribution and sampling rule;
/// - **aligned** (`drift-aligned`): the platform's reported distributions set against the reference's
///   answer to the same request, where both share a context (chat `top_logprobs` only);
/// - **teacher-forced** (`drift-nucleus`, `drift-logprob`, `drift-greedy`): the platform's answer scored
///   token by token under the reference, through the reference's ``TeacherForcing`` method, when a
///   ``ReplayProbe`` verified that method at the start of the sweep.
public struct DriftScorer: RequestScorer {
    /// Where the reference's teacher-forced distributions come from (`nil`: the reference cannot
    /// teacher-force, or its method failed the probe; those metrics are not scored).
    public let replayer: ReferenceReplayer?
    /// The reference's own answers of this sweep (`nil`: no aligned comparison).
    public let referenceAnswers: ReferenceAnswers?
    /// Tolerances.
    public let thresholds: DriftThresholds

    /// Creates a scorer.
    public init(replayer: ReferenceReplayer?, referenceAnswers: ReferenceAnswers? = nil, thresholds: DriftThresholds) {
        self.replayer = replayer
        self.referenceAnswers = referenceAnswers
        self.thresholds = thresholds
    }

    public func scores(_ completion: Completion, for item: WorkItem) async -> [Score] {
        var scores: [Score] = []
        if let referenceAnswers {
            if item.platform == referenceAnswers.reference {
                await referenceAnswers.post(completion, for: .init(item))
            } else if let aligned = await alignedScore(completion, for: item, board: referenceAnswers) {
                scores.append(aligned)
            }
        }
        // Without token log-probabilities there is nothing to replay; the distribution test
        // covers such platforms from their outputs.
        guard !completion.tokens.isEmpty else { return scores }
        let rule = SamplingRule(item.sampling)
        var reference: [ForcedToken]?
        var problem: String?
        if let replayer {
            switch await replayer.forced(ForcingRequest(prompt: item.evalCase.prompt, answer: completion.tokens.map(\.token).joined())) {
            case .success(let tokens): reference = tokens
            case .failure(let error): problem = "reference replay failed: \(error)"
            }
        }
        let drift = SampleDrift.analyze(sampled: completion.tokens, rule: rule, reference: reference, answerStart: 0, thresholds: thresholds)
        return scores + drift.scores(thresholds: thresholds, referenceProblem: problem, forcer: replayer?.method ?? "none")
    }

    public func failed(_ item: WorkItem) async {
        guard let referenceAnswers, item.platform == referenceAnswers.reference else { return }
        await referenceAnswers.post(nil, for: .init(item))
    }

    private func alignedScore(_ completion: Completion, for item: WorkItem, board: ReferenceAnswers) async -> Score? {
        // A platform that reports no alternatives has nothing to align; the distribution test covers it.
        guard completion.tokens.contains(where: { !$0.top.isEmpty }) else { return nil }
        let metric = DriftMetric.aligned.rawValue
        guard let reference = await board.answer(for: .init(item)) else {
            return Score(
                scorer: metric, value: 0, passed: nil,
                details: "{\"method\":\"aligned\",\"unavailable\":\"the reference did not answer this request\"}")
        }
        let comparison = AlignedComparison.compare(platform: completion.tokens, reference: reference.tokens)
        guard let mean = comparison.meanDistance else {
            return Score(
                scorer: metric, value: 0, passed: nil,
                details: "{\"method\":\"aligned\",\"unavailable\":\"the reference reported no top_logprobs for this request\"}"
            )
        }
        let details = [
            "\"method\":\"aligned\"", "\"positions\":\(comparison.positions)", "\"mean_distance\":\(JSONText.number(mean))",
            "\"first_distance\":\(JSONText.number(comparison.firstDistance))", "\"max_distance\":\(JSONText.number(comparison.maxDistance))",
            "\"max_index\":\(comparison.maxIndex.map(String.init) ?? "null")", "\"top_agreements\":\(comparison.topAgreements)",
            "\"diverged_at\":\(comparison.divergedAt.map(String.init) ?? "null")",
        ]
        return Score(scorer: metric, value: mean, passed: mean <= thresholds.alignedDistance, details: "{" + details.joined(separator: ",") + "}")
    }
}
