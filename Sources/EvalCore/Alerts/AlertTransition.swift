/// A change of a stream's alert: opened by a detector that fired, or resolved once every detector
/// of the stream has cleared.
public struct AlertTransition: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case opened
        case resolved
    }

    public var kind: Kind
    public var stream: StreamKey
    /// The run that caused it.
    public var runID: Int64
    /// When that run started.
    public var at: Double
    /// Why: the detector's figures at that run.
    public var evidence: AlertEvidence

    public init(kind: Kind, stream: StreamKey, runID: Int64, at: Double, evidence: AlertEvidence) {
        self.kind = kind
        self.stream = stream
        self.runID = runID
        self.at = at
        self.evidence = evidence
    }
}

/// The figures behind an alert, stored with it as JSON.
public struct AlertEvidence: Sendable, Equatable {
    /// What the stream was compared against.
    public var baseline: DetectorState.Baseline
    /// `quality`, or `infrastructure` for the infra-error metric.
    public var category: String
    /// The run's failures and judged samples.
    public var failed: Int
    public var judged: Int
    /// The baseline's null rate and the raised rate the detector is tuned to.
    public var nullRate: Double
    public var alternativeRate: Double
    /// The CUSUM statistic (opened) or the evidence for the null (resolved), and its threshold.
    public var statistic: Double
    public var threshold: Double
    /// The baseline's own failures and judged samples over its window.
    public var baselineFailed: Int
    public var baselineJudged: Int
    /// What the run's evidence was divided by: its samples of one case fail together this much
    /// (``MetricTally/designEffect``; 1 for independent samples).
    public var designEffect: Double = 1

    public init(
        baseline: DetectorState.Baseline, category: String, failed: Int, judged: Int, nullRate: Double, alternativeRate: Double,
        statistic: Double, threshold: Double, baselineFailed: Int, baselineJudged: Int
    ) {
        self.baseline = baseline
        self.category = category
        self.failed = failed
        self.judged = judged
        self.nullRate = nullRate
        self.alternativeRate = alternativeRate
        self.statistic = statistic
        self.threshold = threshold
        self.baselineFailed = baselineFailed
        self.baselineJudged = baselineJudged
    }

    /// Reads back the object ``json`` wrote (`nil` for anything else).
    public init?(json text: String) {
        guard case .success(let json) = JSONParser.parse(text), let baseline = json["baseline"]?.string.flatMap(DetectorState.Baseline.init),
            let failed = json["failed"]?.int, let judged = json["judged"]?.int, let nullRate = json["null_rate"]?.double,
            let alternativeRate = json["alternative_rate"]?.double, let statistic = json["statistic"]?.double,
            let threshold = json["threshold"]?.double
        else { return nil }
        self.init(
            baseline: baseline, category: json["category"]?.string ?? "quality", failed: failed, judged: judged, nullRate: nullRate,
            alternativeRate: alternativeRate, statistic: statistic, threshold: threshold,
            baselineFailed: json["baseline_failed"]?.int ?? 0, baselineJudged: json["baseline_judged"]?.int ?? 0
        )
        designEffect = json["design_effect"]?.double ?? 1
    }

    /// One JSON object.
    public var json: String {
        let fields: [(String, String)] = [
            ("baseline", JSONText.quote(baseline.rawValue)), ("category", JSONText.quote(category)),
            ("failed", String(failed)), ("judged", String(judged)),
            ("rate", JSONText.number(judged > 0 ? Double(failed) / Double(judged) : nil)),
            ("null_rate", JSONText.number(nullRate)), ("alternative_rate", JSONText.number(alternativeRate)),
            ("statistic", JSONText.number(statistic)), ("threshold", JSONText.number(threshold)),
            ("baseline_failed", String(baselineFailed)), ("baseline_judged", String(baselineJudged)),
            ("design_effect", JSONText.number(designEffect)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// One line for people.
    public var summary: String {
        let rate = judged > 0 ? Double(failed) / Double(judged) : 0
        return
            "\(failed)/\(judged) failed (\(percent(rate))) vs \(baseline.rawValue) null \(percent(nullRate)); CUSUM \(String(format: "%.1f", statistic)) > \(String(format: "%.1f", threshold))"
            + (designEffect > 1.05 ? " (evidence ÷ design effect \(String(format: "%.1f", designEffect)))" : "")
    }

    private func percent(_ value: Double) -> String { String(format: "%.3g%%", value * 100) }
}
