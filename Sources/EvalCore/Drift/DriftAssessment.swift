/// Turns per-sample drift verdicts into per platform × suite × metric rates with confidence
/// intervals and p-values, and decides which platforms drifted.
///
/// Each metric's failure count is tested against its calibrated null rate (exact binomial tail),
/// sample by sample; `drift-self`, which judges every token against the platform's own report of
/// the same step, is tested token by token too when a calibration measured its per-token null rate
/// (one sampler fault on one answer breaks it at many steps). A platform's p-value is the smallest over its metrics times their number (Bonferroni); the
/// platforms' p-values are then adjusted together (Holm), and a platform is flagged when its
/// adjusted p-value is below `alpha`. Platforms without log-probabilities are tested on their
/// outputs instead (MMD per case, combined by Fisher's method).
public struct DriftAssessment: Sendable, Equatable {
    /// What one trial of a test is.
    public enum Unit: String, Sendable, Equatable {
        /// One answer (its rule passed or failed).
        case sample
        /// One generated token, judged against the distribution it was drawn from.
        case token
        /// One prompt: the two-sample test compares the platforms' answers to it.
        case `case`
    }

    /// One platform × suite × metric (suite `*` pools every suite).
    public struct Cell: Sendable, Equatable {
        public var platform: String
        public var suite: String
        public var metric: DriftMetric
        /// What `judged` and `failed` count.
        public var unit: Unit = .sample
        public var judged: Int
        public var failed: Int
        public var unavailable: Int
        /// The failure rate's 95% Wilson interval.
        public var interval: ClosedRange<Double>?
        /// The null rate tested against.
        public var nullRate: Double
        /// One-sided p-value: P(this many failures or more | healthy).
        public var pValue: Double
        /// Two-sample cells: the smallest p-value these samples could have given, every case as
        /// different as can be — the test's power floor: above `alpha`, it could not flag anything.
        public var attainablePValue: Double?

        /// The observed failure rate.
        public var rate: Double? { judged == 0 ? nil : Double(failed) / Double(judged) }
    }

    /// The decision about one platform.
    public struct Verdict: Sendable, Equatable {
        public var platform: String
        /// Holm-adjusted p-value of the platform's strongest metric (after Bonferroni over its metrics).
        public var pValue: Double
        /// The metric with the smallest p-value.
        public var metric: DriftMetric?
        /// The unit of that metric's test.
        public var unit: Unit = .sample
        /// Whether the platform drifted at the thresholds' `alpha`.
        public var flagged: Bool
    }

    /// How many of `cases` two-sample cases must differ as much as possible (each at its smallest
    /// p-value, the rest at 1) for Fisher's combination to reach `alpha`; `nil` when all of them would
    /// not — what the test could have missed.
    public static func casesNeeded(floors: [Double], alpha: Double) -> Int? {
        let sorted = floors.sorted()
        for count in 1...max(1, sorted.count) where count <= sorted.count {
            if MultipleTesting.fisher(Array(sorted.prefix(count)) + Array(repeating: 1, count: sorted.count - count)) < alpha { return count }
        }
        return nil
    }

    /// Every cell, platforms in the order given, pooled rows (`*`) first.
    public var cells: [Cell]
    /// One verdict per platform.
    public var verdicts: [Verdict]
    /// Per platform tested on its outputs: how many cases must differ completely to flag it
    /// (``casesNeeded(floors:alpha:)``); absent when no number would do.
    public var casesNeeded: [String: Int] = [:]

    /// Assesses a run.
    ///
    /// - Parameters:
    ///   - tallies: Per platform × suite × metric counts.
    ///   - distributionTests: Per platform × suite, per-case MMD p-values (platforms without log-probabilities).
    ///   - distributionFloors: The same cases' smallest attainable p-values (``MMDTest/smallestPValue(_:_:)``).
    ///   - platforms: Platform names, in report order.
    ///   - thresholds: Null rates and `alpha`.
    public init(
        tallies: [DriftTally], distributionTests: [String: [String: [Double]]] = [:], distributionFloors: [String: [String: [Double]]] = [:],
        platforms: [String], thresholds: DriftThresholds
    ) {
        var cells: [Cell] = []
        var casesNeeded: [String: Int] = [:]
        var rawPValues: [Double] = []
        var strongest: [(metric: DriftMetric, unit: Unit)?] = []
        for platform in platforms {
            let own = tallies.filter { $0.platform == platform }
            var metricPValues: [(metric: DriftMetric, unit: Unit, p: Double)] = []
            for metric in DriftMetric.allCases where metric != .distribution {
                let rows = own.filter { $0.metric == metric }
                guard !rows.isEmpty else { continue }
                let null = thresholds.nullRate(of: metric)
                let pooled = rows.reduce(into: (judged: 0, failed: 0, unavailable: 0)) {
                    $0.judged += $1.judged
                    $0.failed += $1.failed
                    $0.unavailable += $1.unavailable
                }
                let p = BinomialTest.upperTail(successes: pooled.failed, trials: pooled.judged, rate: null)
                if pooled.judged > 0 { metricPValues.append((metric, .sample, p)) }
                cells.append(Self.cell(platform, "*", metric, pooled.judged, pooled.failed, pooled.unavailable, null, p))
                for row in rows.sorted(by: { $0.suite < $1.suite }) {
                    let suiteP = BinomialTest.upperTail(successes: row.failed, trials: row.judged, rate: null)
                    cells.append(Self.cell(platform, row.suite, metric, row.judged, row.failed, row.unavailable, null, suiteP))
                }
                // The same rule with the token as its unit, against the calibrated per-token rate.
                let tokens = rows.reduce(into: (judged: 0, failed: 0)) {
                    $0.judged += $1.tokensJudged
                    $0.failed += $1.tokensFailed
                }
                if let tokenNull = thresholds.tokenNullRate(of: metric), tokens.judged > 0 {
                    let tokenP = BinomialTest.upperTail(successes: tokens.failed, trials: tokens.judged, rate: tokenNull)
                    metricPValues.append((metric, .token, tokenP))
                    var cell = Self.cell(platform, "*", metric, tokens.judged, tokens.failed, 0, tokenNull, tokenP)
                    cell.unit = .token
                    cells.append(cell)
                    for row in rows.sorted(by: { $0.suite < $1.suite }) where row.tokensJudged > 0 {
                        let suiteP = BinomialTest.upperTail(successes: row.tokensFailed, trials: row.tokensJudged, rate: tokenNull)
                        var cell = Self.cell(platform, row.suite, metric, row.tokensJudged, row.tokensFailed, 0, tokenNull, suiteP)
                        cell.unit = .token
                        cells.append(cell)
                    }
                }
            }
            if let suites = distributionTests[platform], !suites.isEmpty {
                let all = suites.values.flatMap { $0 }
                let p = MultipleTesting.fisher(all)
                metricPValues.append((.distribution, .case, p))
                let floors = distributionFloors[platform] ?? [:]
                var pooled = Self.cell(platform, "*", .distribution, all.count, all.filter { $0 <= 0.05 }.count, 0, 0.05, p)
                pooled.unit = .case
                let allFloors = floors.values.flatMap { $0 }
                pooled.attainablePValue = allFloors.isEmpty ? nil : MultipleTesting.fisher(allFloors)
                // Bonferroni over the platform's metrics, as its verdict applies.
                let metricCount = Double(metricPValues.count)
                if let needed = Self.casesNeeded(floors: allFloors, alpha: thresholds.alpha / metricCount) { casesNeeded[platform] = needed }
                cells.append(pooled)
                for (suite, values) in suites.sorted(by: { $0.key < $1.key }) {
                    var cell = Self.cell(
                        platform, suite, .distribution, values.count, values.filter { $0 <= 0.05 }.count, 0, 0.05, MultipleTesting.fisher(values))
                    cell.attainablePValue = floors[suite].map(MultipleTesting.fisher)
                    cell.unit = .case
                    cells.append(cell)
                }
            }
            let best = metricPValues.min { $0.p < $1.p }
            rawPValues.append(best.map { min(1, $0.p * Double(metricPValues.count)) } ?? 1)
            strongest.append(best.map { ($0.metric, $0.unit) })
        }
        let adjusted = MultipleTesting.holm(rawPValues)
        verdicts = platforms.indices.map { index in
            Verdict(
                platform: platforms[index], pValue: adjusted[index], metric: strongest[index]?.metric, unit: strongest[index]?.unit ?? .sample,
                flagged: adjusted[index] < thresholds.alpha)
        }
        self.cells = cells
        self.casesNeeded = casesNeeded
    }

    private static func cell(
        _ platform: String, _ suite: String, _ metric: DriftMetric, _ judged: Int, _ failed: Int, _ unavailable: Int, _ null: Double, _ p: Double
    ) -> Cell {
        Cell(
            platform: platform, suite: suite, metric: metric, judged: judged, failed: failed, unavailable: unavailable,
            interval: Proportion(failures: failed, trials: judged).wilsonInterval(), nullRate: null, pValue: p, attainablePValue: nil
        )
    }
}
