/// Turns per-sample drift verdicts into per platform × suite × metric rates with confidence
/// intervals and p-values, and decides which platforms drifted.
///
/// Each metric's failure count is tested against its calibrated null rate (exact binomial tail).
/// A platform's p-value is the smallest over its metrics times their number (Bonferroni); the
/// platforms' p-values are then adjusted together (Holm), and a platform is flagged when its
/// adjusted p-value is below `alpha`. Platforms without log-probabilities are tested on their
/// outputs instead (MMD per case, combined by Fisher's method).
public struct DriftAssessment: Sendable, Equatable {
    /// One platform × suite × metric (suite `*` pools every suite).
    public struct Cell: Sendable, Equatable {
        public var platform: String
        public var suite: String
        public var metric: DriftMetric
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
        var strongest: [DriftMetric?] = []
        for platform in platforms {
            let own = tallies.filter { $0.platform == platform }
            var metricPValues: [(DriftMetric, Double)] = []
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
                if pooled.judged > 0 { metricPValues.append((metric, p)) }
                cells.append(Self.cell(platform, "*", metric, pooled.judged, pooled.failed, pooled.unavailable, null, p))
                for row in rows.sorted(by: { $0.suite < $1.suite }) {
                    let suiteP = BinomialTest.upperTail(successes: row.failed, trials: row.judged, rate: null)
                    cells.append(Self.cell(platform, row.suite, metric, row.judged, row.failed, row.unavailable, null, suiteP))
                }
            }
            if let suites = distributionTests[platform], !suites.isEmpty {
                let all = suites.values.flatMap { $0 }
                let p = MultipleTesting.fisher(all)
                metricPValues.append((.distribution, p))
                let floors = distributionFloors[platform] ?? [:]
                var pooled = Self.cell(platform, "*", .distribution, all.count, all.filter { $0 <= 0.05 }.count, 0, 0.05, p)
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
                    cells.append(cell)
                }
            }
            let best = metricPValues.min { $0.1 < $1.1 }
            rawPValues.append(best.map { min(1, $0.1 * Double(metricPValues.count)) } ?? 1)
            strongest.append(best?.0)
        }
        let adjusted = MultipleTesting.holm(rawPValues)
        verdicts = platforms.indices.map { index in
            Verdict(platform: platforms[index], pValue: adjusted[index], metric: strongest[index], flagged: adjusted[index] < thresholds.alpha)
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
