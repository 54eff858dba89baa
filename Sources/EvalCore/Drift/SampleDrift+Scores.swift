extension SampleDrift {
    /// The drift scores of this sample, one per applicable metric.
    ///
    /// - Parameters:
    ///   - thresholds: The tolerances the verdicts use.
    ///   - referenceProblem: Why the reference's distribution is missing, when it is: its metrics
    ///     are then stored as unavailable (`passed` null), never as failures.
    public func scores(thresholds: DriftThresholds, referenceProblem: String? = nil) -> [Score] {
        var scores: [Score] = []
        if selfJudged > 0 {
            scores.append(
                Score(
                    scorer: DriftMetric.selfConsistency.rawValue, value: Double(selfViolations.count) / Double(selfJudged),
                    passed: selfViolations.isEmpty,
                    details: "{\"judged\":\(selfJudged),\"violations\":\(selfViolations.count),\"undetermined\":\(selfUndetermined),\"examples\":\(Self.json(selfViolations))}"
                )
            )
        }
        if let referenceProblem {
            let details = "{\"unavailable\":\(JSONText.quote(referenceProblem))}"
            for metric in [DriftMetric.nucleus, .logprob] {
                scores.append(Score(scorer: metric.rawValue, value: 0, passed: nil, details: details))
            }
            return scores
        }
        guard referenceAvailable, aligned > 0 else { return scores }
        let likelihood = "\"mean_reference_logprob\":\(JSONText.number(meanReferenceLogprob)),\"min_reference_logprob\":\(JSONText.number(minReferenceLogprob))"
        scores.append(
            Score(
                scorer: DriftMetric.nucleus.rawValue, value: Double(impossible.count) / Double(aligned), passed: impossible.isEmpty,
                details: "{\"aligned\":\(aligned),\"tokens\":\(tokens),\"impossible\":\(impossible.count),\"below_floor\":\(belowFloor),\"undetermined\":\(referenceUndetermined),\(likelihood),\"examples\":\(Self.json(impossible))}"
            )
        )
        if let meanLogprobGap {
            scores.append(
                Score(
                    scorer: DriftMetric.logprob.rawValue, value: meanLogprobGap, passed: meanLogprobGap <= thresholds.meanLogprobGap,
                    details: "{\"aligned\":\(aligned),\"mean_gap\":\(JSONText.number(meanLogprobGap)),\"max_gap\":\(JSONText.number(maxLogprobGap))}"
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
                        details: "{\"diverged_at\":\(greedy.index),\"platform_token\":\(JSONText.quote(greedy.platformToken)),\"reference_token\":\(JSONText.quote(greedy.referenceToken)),\"margin\":\(JSONText.number(greedy.margin.isFinite ? greedy.margin : nil)),\"platform_token_in_reference_top\":\(greedy.platformTokenInReferenceTop),\"reference_token_in_platform_top\":\(inPlatformTop),\"bug\":\(bug)}"
                    )
                )
            } else {
                scores.append(Score(scorer: DriftMetric.greedy.rawValue, value: 0, passed: true, details: "{\"diverged_at\":null}"))
            }
        }
        return scores
    }

    /// Up to three flagged tokens, escaped.
    static func json(_ flags: [Flag]) -> String {
        "[" + flags.prefix(3).map { "{\"index\":\($0.index),\"token\":\(JSONText.quote($0.token)),\"logprob\":\(JSONText.number($0.logprob))}" }.joined(separator: ",") + "]"
    }
}
