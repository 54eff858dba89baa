/// Token-level evidence of drift in one sample: the platform's tokens replayed against its own
/// reported distribution and against the reference's.
public struct SampleDrift: Sendable, Equatable {
    /// One token a rule objects to.
    public struct Flag: Sendable, Equatable {
        /// Index in the platform's stream.
        public var index: Int
        /// The token.
        public var token: String
        /// Its log-probability under the distribution that objects (platform's or reference's).
        public var logprob: Double
    }

    /// Tokens the platform generated.
    public var tokens = 0
    /// Tokens judged against the platform's own report (those with alternatives).
    public var selfJudged = 0
    /// Tokens outside the platform's own sampling set.
    public var selfViolations: [Flag] = []
    /// Tokens the platform's report could not settle.
    public var selfUndetermined = 0
    /// Whether the reference's distribution was available.
    public var referenceAvailable = false
    /// Tokens paired with a reference token.
    public var aligned = 0
    /// Tokens outside the reference's sampling set (or below its floor).
    public var impossible: [Flag] = []
    /// Tokens the reference's report could not settle.
    public var referenceUndetermined = 0
    /// Tokens less likely than the floor under the reference.
    public var belowFloor = 0
    /// Mean and minimum reference log-probability of the sampled tokens.
    public var meanReferenceLogprob: Double?
    public var minReferenceLogprob: Double?
    /// Mean and maximum |platform − reference| log-probability of the sampled tokens.
    public var meanLogprobGap: Double?
    public var maxLogprobGap: Double?
    /// For greedy cases with a reference: the first divergence, if any.
    public var greedy: GreedyDivergence?
    /// Whether the greedy rule applied (temperature 0 and a reference).
    public var greedyChecked = false

    public init() {}

    /// Replays one sample.
    ///
    /// - Parameters:
    ///   - sampled: The platform's tokens with its log-probabilities and alternatives.
    ///   - rule: The request's sampling rule.
    ///   - reference: The reference's teacher-forced tokens over `transcript + answer`, when available.
    ///   - answerStart: Where the answer starts in the reference's text, in Unicode scalars.
    ///   - thresholds: Tolerances.
    public static func analyze(
        sampled: [TokenLogprob], rule: SamplingRule, reference: [ForcedToken]?, answerStart: Int, thresholds: DriftThresholds
    ) -> SampleDrift {
        var drift = SampleDrift()
        drift.tokens = sampled.count
        let selfCheck = NucleusCheck(rule: rule, slack: thresholds.selfSlack, vocabularySize: thresholds.vocabularySize)
        for (index, token) in sampled.enumerated() where !token.top.isEmpty {
            drift.selfJudged += 1
            switch selfCheck.membership(of: token.token, logprob: token.logprob, among: token.top) {
            case .outside: drift.selfViolations.append(Flag(index: index, token: token.token, logprob: token.logprob))
            case .undetermined: drift.selfUndetermined += 1
            case .inside: break
            }
        }
        guard let reference else { return drift }
        drift.referenceAvailable = true
        let pairs = TokenAlignment.align(sampled: sampled, forced: reference, answerStart: answerStart)
        // Greedy answers may part from the reference at near-ties; only a clear margin counts here.
        let slack = rule.temperature <= 0 ? max(thresholds.referenceSlack, thresholds.greedyMargin) : thresholds.referenceSlack
        let referenceCheck = NucleusCheck(rule: rule, slack: slack, vocabularySize: thresholds.vocabularySize)
        var logprobSum = 0.0
        var gapSum = 0.0
        for pair in pairs {
            guard let forced = pair.reference, let logprob = forced.logprob else { continue }
            drift.aligned += 1
            logprobSum += logprob
            drift.minReferenceLogprob = min(drift.minReferenceLogprob ?? logprob, logprob)
            let gap = abs(pair.sampled.logprob - logprob)
            gapSum += gap
            drift.maxLogprobGap = max(drift.maxLogprobGap ?? gap, gap)
            let belowFloor = logprob < thresholds.logprobFloor
            if belowFloor { drift.belowFloor += 1 }
            switch referenceCheck.membership(of: pair.sampled.token, logprob: logprob, among: forced.top) {
            case .outside:
                drift.impossible.append(Flag(index: pair.index, token: pair.sampled.token, logprob: logprob))
            case .undetermined where belowFloor:
                drift.impossible.append(Flag(index: pair.index, token: pair.sampled.token, logprob: logprob))
            case .undetermined:
                drift.referenceUndetermined += 1
            case .inside:
                break
            }
        }
        if drift.aligned > 0 {
            drift.meanReferenceLogprob = logprobSum / Double(drift.aligned)
            drift.meanLogprobGap = gapSum / Double(drift.aligned)
        }
        if rule.temperature <= 0 {
            drift.greedyChecked = true
            drift.greedy = GreedyDivergence.first(in: pairs, topN: thresholds.topN)
        }
        return drift
    }
}
