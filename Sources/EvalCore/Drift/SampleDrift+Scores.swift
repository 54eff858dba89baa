extension SampleDrift {
    /// The drift scores of this sample, one per applicable metric.
    ///
    /// - Parameters:
    ///   - thresholds: The tolerances the verdicts use.
    ///   - referenceProblem: Why the reference's distribution is missing, when it is: its metrics
    ///     are then stored as unavailable (`passed` null), never as failures.
    ///   - forcer: How the reference's distribution was obtained (``TeacherForcing/method``), recorded
    ///     in each teacher-forced score's details.
    public func scores(thresholds: DriftThresholds, referenceProblem: String? = nil, forcer: String = "unknown") -> [Score] {
        var scores: [Score] = []
        let forced = "\"method\":\"teacher-forced\",\"forcer\":\(JSONText.quote(forcer)),"
        if selfJudged > 0 {
            scores.append(
                Score(
                    scorer: DriftMetric.selfConsistency.rawValue, value: Double(selfViolations.count) / Double(selfJudged),
                    passed: selfViolations.isEmpty,
                    details:
                        "{\"method\":\"self-report\",\"judged\":\(selfJudged),\"violations\":\(selfViolations.count),\"undetermined\":\(selfUndetermined),\"examples\":\(Self.json(selfViolations))}"
                )
            )
        }
        if let referenceProblem {
            let details = "{\(forced)\"unavailable\":\(JSONText.quote(referenceProblem))}"
            for metric in [DriftMetric.nucleus, .logprob] {
                scores.append(Score(scorer: metric.rawValue, value: 0, passed: nil, details: details))
            }
            return scores
        }
        guard referenceAvailable, aligned > 0 else { return scores }
        let likelihood =
            "\"mean_reference_logprob\":\(JSONText.number(meanReferenceLogprob)),\"min_reference_logprob\":\(JSONText.number(minReferenceLogprob))"
        scores.append(
            Score(
                scorer: DriftMetric.nucleus.rawValue, value: Double(impossible.count) / Double(aligned), passed: impossible.isEmpty,
                details:
                    "{\(forced)\"aligned\":\(aligned),\"tokens\":\(tokens),\"impossible\":\(impossible.count),\"below_floor\":\(belowFloor),\"undetermined\":\(referenceUndetermined),\(likelihood),\"examples\":\(Self.json(impossible))}"
            )
        )
        if let meanLogprobGap {
            let judged = thresholds.judgesLogprobGap
            let unjudged = judged ? "" : ",\"unavailable\":\"uncalibrated: no drift calibration for this reference's numerics (evalctl calibrate)\""
            scores.append(
                Score(
                    scorer: DriftMetric.logprob.rawValue, value: meanLogprobGap, passed: judged ? meanLogprobGap <= thresholds.meanLogprobGap : nil,
                    details:
                        "{\(forced)\"aligned\":\(aligned),\"mean_gap\":\(JSONText.number(meanLogprobGap)),\"max_gap\":\(JSONText.number(maxLogprobGap))\(unjudged)}"
                )
            )
        }
        if greedyChecked {
            if let greedy {
                let bug = greedy.isBug(marginThreshold: thresholds.greedyMargin)
                let inPlatformTop = greedy.referenceTokenInPlatformTop.map { "\($0)" } ?? "null"
                scores.append(
                    Score(
                        scorer: DriftMetric.greedy.rawValue, value: greedy.margin.isFinite ? greedy.margin : 1e9, passed: !bug,
                        details:
                            "{\(forced)\"diverged_at\":\(greedy.index),\"platform_token\":\(JSONText.quote(greedy.platformToken)),\"reference_token\":\(JSONText.quote(greedy.referenceToken)),\"margin\":\(JSONText.number(greedy.margin.isFinite ? greedy.margin : nil)),\"platform_token_in_reference_top\":\(greedy.platformTokenInReferenceTop),\"reference_token_in_platform_top\":\(inPlatformTop),\"bug\":\(bug)}"
                    )
                )
            } else {
                scores.append(Score(scorer: DriftMetric.greedy.rawValue, value: 0, passed: true, details: "{\(forced)\"diverged_at\":null}"))
            }
        }
        return scores
    }

    /// Up to three flagged tokens, escaped.
    static func json(_ flags: [Flag]) -> String {
        "["
            + flags.prefix(3).map { "{\"index\":\($0.index),\"token\":\(JSONText.quote($0.token)),\"logprob\":\(JSONText.number($0.logprob))}" }
            .joined(separator: ",") + "]"
    }
}
