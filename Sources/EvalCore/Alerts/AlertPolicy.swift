/// How regression detection trades sensitivity for false alarms.
///
/// Set in the configuration's
/// `alerts:` section; the defaults suit hourly sweeps.
public struct AlertPolicy: Sendable, Equatable {
    /// The budget of false alerts across every stream, per week.
    public var falseAlarmsPerWeek = 1.0
    /// How often detection runs (168: hourly sweeps).
    public var sweepsPerWeek = 168.0
    /// The raised failure rate each detector is tuned to: this many times the null rate.
    public var rateRatio = 3.0
    /// It is also at least this much above it (absolute).
    public var minimumIncrease = 0.005
    /// Runs pooled for a baseline (the reference's rate, the platform's own history).
    public var baselineRuns = 168
    /// Recent runs left out of the platform's own history, so a new fault does not become its own baseline.
    public var historyGap = 24
    /// Judged samples a history baseline needs before its detector runs.
    public var minimumHistory = 500
    /// Confidence of the upper bound taken as a baseline's null rate.
    public var baselineConfidence = 0.99
    /// Evidence for the null rate (natural log of the likelihood ratio) that resolves an alert.
    public var resolveEvidence = 4.6
    /// Healthy failure rates known before any run, by metric (the drift metrics' calibrated null
    /// rates).
    ///
    /// The reference baseline never goes below them, and uses them alone until its window
    /// holds ``minimumHistory`` judged samples: without them a young store could not alert at all.
    public var priorNullRates: [String: Double] = [:]

    public init() {}

    /// The CUSUM threshold for `detectors` detectors under this budget.
    public func threshold(detectors: Int) -> Double {
        BernoulliCUSUM.threshold(detectors: detectors, checksPerPeriod: sweepsPerWeek, falseAlarmsPerPeriod: falseAlarmsPerWeek)
    }
}
