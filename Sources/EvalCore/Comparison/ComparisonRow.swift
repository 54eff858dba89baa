/// One suite × metric of a comparison between a baseline A and a platform B.
public struct ComparisonRow: Sendable, Equatable {
    public var suite: String
    public var metric: String
    /// A's and B's failures of judged samples.
    public var a: Proportion
    public var b: Proportion
    /// B's rate − A's rate.
    public var delta: Double
    /// 95% interval of the delta.
    public var ciLow: Double
    public var ciHigh: Double
    /// One-sided p-value that B fails more often than A, before adjustment.
    public var pValue: Double
    /// Holm-adjusted over the rows of the comparison.
    public var adjustedPValue: Double
    /// Whether B regressed: adjusted p below alpha and delta at least the minimum effect.
    public var regression: Bool
    /// The smallest increase of B's failure rate this comparison would have flagged with power 0.8
    /// (`nil`: none would, or not computed).
    public var detectableEffect: Double?
    /// How many samples of this row count as one independent observation.
    ///
    /// The design effect of the two platforms pooled: the test, the interval and the detectable effect use the
    /// counts divided by it. 1 where samples are independent, or where it is not known.
    public var designEffect = 1.0

    public init(
        suite: String, metric: String, a: Proportion, b: Proportion, delta: Double, ciLow: Double, ciHigh: Double,
        pValue: Double, adjustedPValue: Double, regression: Bool
    ) {
        self.suite = suite
        self.metric = metric
        self.a = a
        self.b = b
        self.delta = delta
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.regression = regression
    }

    /// A row not yet decided: the delta and its Newcombe interval from the two proportions, with
    /// the row's own p-value (the decision, Holm over the rows, comes later).
    init(_ key: SuiteMetric, a: Proportion, b: Proportion, pValue: Double) {
        let test = TwoProportionTest(a: a, b: b)
        let interval = test.interval() ?? 0...0
        self.init(
            suite: key.suite, metric: key.metric, a: a, b: b, delta: test.difference ?? 0, ciLow: interval.lowerBound,
            ciHigh: interval.upperBound, pValue: pValue, adjustedPValue: 1, regression: false
        )
    }

    /// The row's suite and metric.
    public var key: SuiteMetric { SuiteMetric(suite: suite, metric: metric) }
}

/// A suite (or ``MetricTally/allSuites``) and a metric: what a row of a comparison is about.
public struct SuiteMetric: Sendable, Hashable {
    public var suite: String
    public var metric: String

    public init(suite: String, metric: String) {
        self.suite = suite
        self.metric = metric
    }
}
