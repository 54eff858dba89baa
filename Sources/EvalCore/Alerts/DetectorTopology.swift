/// Which detectors a sweep configuration runs, as ``RegressionDetector`` creates them: one stream
/// per platform × suite (plus the pooled `*` row when there are several suites) × metric, judged
/// against the platform's own history, and, except on the reference, against the reference.
///
/// The false-alarm budget is shared by all of them, so a planner must count them the way the
/// detector does; this is that count, kept beside the detector rather than in a command.
public enum DetectorTopology {
    /// The metrics a sweep tallies per sample: the text scorers, the drift rules the reference
    /// supports, and the infrastructure error rate.
    ///
    /// A reference that teacher-forces yields the
    /// self-consistency, nucleus, log-probability and greedy rules; one that cannot, the
    /// self-consistency and aligned rules (the two-sample test is per case, not per sample).
    public static func sweptMetrics(referenceTeacherForces: Bool = true) -> [String] {
        let drift = DriftMetric.allCases.filter { metric in
            switch metric {
            case .selfConsistency: true
            case .nucleus, .logprob, .greedy: referenceTeacherForces
            case .aligned: !referenceTeacherForces
            case .distribution: false
            }
        }
        return [LanguageMixScorer.metric, CodeSyntaxScorer.metric] + drift.map(\.rawValue) + [MetricTally.infraMetric]
    }

    /// The number of detectors.
    ///
    /// - Parameters:
    ///   - platforms: Platforms swept, the reference included.
    ///   - suites: Suites swept.
    ///   - metrics: Metrics per stream (by default those of a reference that teacher-forces, the larger set).
    public static func detectorCount(platforms: Int, suites: Int, metrics: Int = sweptMetrics().count) -> Int {
        let rows = suites > 1 ? suites + 1 : suites
        let streams = platforms * rows * metrics
        // Every stream has a history detector; the reference's own streams have no reference detector.
        return 2 * streams - rows * metrics
    }
}
