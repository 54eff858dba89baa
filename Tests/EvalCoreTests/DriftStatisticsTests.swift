import EvalCore
import Foundation
import Testing

struct DriftStatisticsTests {
    @Test func binomialTailsMatchHandComputedValues() {
        // P(X ≥ 1 | n = 10, p = 0.1) = 1 − 0.9^10.
        #expect(abs(BinomialTest.upperTail(successes: 1, trials: 10, rate: 0.1) - (1 - pow(0.9, 10))) < 1e-12)
        // P(X ≥ 3 | n = 5, p = 0.5) = 0.5.
        #expect(abs(BinomialTest.upperTail(successes: 3, trials: 5, rate: 0.5) - 0.5) < 1e-12)
        #expect(BinomialTest.upperTail(successes: 0, trials: 5, rate: 0.5) == 1)
        #expect(BinomialTest.upperTail(successes: 6, trials: 5, rate: 0.5) == 0)
        // Seven failures in 260 under a 0.03% null: overwhelming.
        #expect(BinomialTest.upperTail(successes: 7, trials: 260, rate: 0.0003) < 1e-11)
    }

    @Test func clopperPearsonBoundOfZeroFailures() {
        // With no failure in n trials, the one-sided bound solves (1 − p)^n = 1 − confidence.
        let bound = BinomialTest.upperBound(successes: 0, trials: 1000, confidence: 0.999)
        #expect(abs(bound - (1 - pow(0.001, 1.0 / 1000))) < 1e-6)
    }

    @Test func holmAndBenjaminiHochberg() {
        let p = [0.01, 0.04, 0.03, 0.5]
        #expect(MultipleTesting.holm(p).map { ($0 * 1000).rounded() / 1000 } == [0.04, 0.09, 0.09, 0.5])
        #expect(MultipleTesting.benjaminiHochberg(p).map { ($0 * 10000).rounded() / 10000 } == [0.04, 0.0533, 0.0533, 0.5])
    }

    @Test func fisherCombination() {
        // One p-value: Fisher returns it.
        #expect(abs(MultipleTesting.fisher([0.2]) - 0.2) < 1e-12)
        // Two at 0.05: X = 11.98, χ²(4) tail = e^(−5.99)(1 + 5.99) ≈ 0.0175.
        #expect(abs(MultipleTesting.fisher([0.05, 0.05]) - 0.01747) < 1e-4)
    }

    @Test func mmdSeparatesDifferentSourcesAndNotSameOnes() throws {
        let english = [
            "The cat sat on the mat.", "The dog sat on the rug.", "A cat slept on the mat.", "The cat sat on a mat.", "A dog sat on the mat.",
        ]
        let thai = ["แมวนั่งบนเสื่อ", "สุนัขนั่งบนพรม", "แมวนอนบนเสื่อ", "แมวนั่งบนเสื่อผืนหนึ่ง", "สุนัขนั่งบนเสื่อ"]
        let test = MMDTest(n: 3, permutations: 2000)
        let different = try #require(test.test(english, thai, seed: 1))
        // 5 vs 5: 252 splits, enumerated; the observed split and its mirror are the two most extreme.
        #expect(abs(different.pValue - 2.0 / 252.0) < 1e-12)
        let same = try #require(test.test(Array(english.prefix(3)), Array(english.suffix(2)), seed: 1))
        #expect(same.pValue > 0.2)
    }

    @Test func theTwoSampleTestStatesThePowerItsSamplesAllow() throws {
        let test = MMDTest(n: 3, permutations: 1000)
        // 3 vs 3: 20 splits, enumerated; a complete difference reaches 2/20 at best.
        #expect(abs(test.smallestPValue(3, 3) - 0.1) < 1e-12)
        #expect(abs(test.smallestPValue(5, 5) - 2.0 / 252.0) < 1e-12)
        #expect(abs(test.smallestPValue(3, 4) - 1.0 / 35.0) < 1e-12)
        // 10 vs 10: 184,756 splits, drawn: one in 1,001.
        #expect(abs(test.smallestPValue(10, 10) - 1.0 / 1001.0) < 1e-12)
        #expect(test.smallestPValue(0, 3) == 1)

        // 20 cases of 3 samples a side: how many must differ completely for Fisher to reach 0.001?
        let floors = Array(repeating: 0.1, count: 20)
        let needed = try #require(DriftAssessment.casesNeeded(floors: floors, alpha: 0.001))
        let pAtNeeded = MultipleTesting.fisher(Array(repeating: 0.1, count: needed) + Array(repeating: 1, count: 20 - needed))
        let pBelow = MultipleTesting.fisher(Array(repeating: 0.1, count: needed - 1) + Array(repeating: 1, count: 21 - needed))
        #expect(pAtNeeded < 0.001 && pBelow >= 0.001)
        // Two cases of 2 samples a side (floor 1/3 each) can never reach it.
        #expect(DriftAssessment.casesNeeded(floors: [1.0 / 3, 1.0 / 3], alpha: 0.001) == nil)

        let assessment = DriftAssessment(
            tallies: [], distributionTests: ["claude": ["s": Array(repeating: 0.5, count: 20)]],
            distributionFloors: ["claude": ["s": floors]], platforms: ["claude"], thresholds: DriftThresholds())
        let pooled = try #require(assessment.cells.first { $0.metric == .distribution && $0.suite == "*" })
        #expect(abs((pooled.attainablePValue ?? 1) - MultipleTesting.fisher(floors)) < 1e-12)
        #expect(assessment.casesNeeded["claude"] == needed)
        #expect(assessment.verdicts.first?.flagged == false)
    }

    @Test func assessmentFlagsOnlyThePlatformBeyondItsNull() {
        var thresholds = DriftThresholds()
        thresholds.nullRates = ["drift-self": 0.001, "drift-nucleus": 0.001, "drift-logprob": 0.001, "drift-greedy": 0.001]
        let tallies = [
            DriftTally(platform: "ref", suite: "s", metric: .selfConsistency, judged: 260, failed: 0),
            DriftTally(platform: "ok", suite: "s", metric: .selfConsistency, judged: 260, failed: 1),
            DriftTally(platform: "bad", suite: "s", metric: .selfConsistency, judged: 200, failed: 4),
            DriftTally(platform: "bad", suite: "t", metric: .selfConsistency, judged: 60, failed: 3),
            DriftTally(platform: "bad", suite: "s", metric: .nucleus, judged: 260, failed: 0, unavailable: 5),
        ]
        let assessment = DriftAssessment(tallies: tallies, platforms: ["ref", "ok", "bad"], thresholds: thresholds)
        #expect(assessment.verdicts.map(\.flagged) == [false, false, true])
        #expect(assessment.verdicts[2].metric == .selfConsistency)
        let pooled = assessment.cells.first { $0.platform == "bad" && $0.suite == "*" && $0.metric == .selfConsistency }
        #expect(pooled?.failed == 7 && pooled?.judged == 260)
        #expect(pooled?.interval.map { $0.contains(7.0 / 260.0) } == true)
        #expect(assessment.cells.first { $0.platform == "bad" && $0.suite == "*" && $0.metric == .nucleus }?.unavailable == 5)
    }

    /// XTC on a tenth of the requests: two of sixty answers break drift-self, each at several steps.
    ///
    /// Per sample that is within a 0.48% null; per token (a calibrated 0.012%) it is not.
    @Test func driftSelfIsTestedPerTokenOnlyWhenCalibratedSo() throws {
        var thresholds = DriftThresholds()
        thresholds.nullRates = ["drift-self": 0.0048]
        let tallies = [
            DriftTally(platform: "ref", suite: "s", metric: .selfConsistency, judged: 60, failed: 0, tokensJudged: 2400, tokensFailed: 0),
            DriftTally(platform: "healthy", suite: "s", metric: .selfConsistency, judged: 60, failed: 0, tokensJudged: 2400, tokensFailed: 0),
            DriftTally(platform: "xtc", suite: "s", metric: .selfConsistency, judged: 60, failed: 2, tokensJudged: 2400, tokensFailed: 11),
        ]
        let platforms = ["ref", "healthy", "xtc"]
        let perSample = DriftAssessment(tallies: tallies, platforms: platforms, thresholds: thresholds)
        #expect(perSample.verdicts.map(\.flagged) == [false, false, false])
        #expect(!perSample.cells.contains { $0.unit == .token })

        thresholds.tokenNullRates = ["drift-self": 6.9 / 57_600]
        let perToken = DriftAssessment(tallies: tallies, platforms: platforms, thresholds: thresholds)
        #expect(perToken.verdicts.map(\.flagged) == [false, false, true])
        let cell = try #require(perToken.cells.first { $0.platform == "xtc" && $0.suite == "*" && $0.unit == .token })
        #expect(cell.metric == .selfConsistency && cell.failed == 11 && cell.judged == 2400)
        #expect(cell.pValue < 1e-6)
        // The sample cell is still there, with its own unit.
        #expect(perToken.cells.contains { $0.platform == "xtc" && $0.suite == "*" && $0.unit == .sample && $0.failed == 2 })
    }

    @Test func calibrationMeasuresDriftSelfPerTokenFromStoredDetails() {
        func score(_ passed: Bool, judged: Int, violations: Int) -> DriftCalibration.StoredScore {
            DriftCalibration.StoredScore(
                value: Double(violations) / Double(judged), passed: passed,
                details: "{\"method\":\"self-report\",\"judged\":\(judged),\"violations\":\(violations)}")
        }
        let selfScores =
            (0..<100).map { score($0 != 7, judged: 40, violations: $0 == 7 ? 3 : 0) } + [
                DriftCalibration.StoredScore(value: 0, passed: true, details: "not json")
            ]
        let calibration = DriftCalibration(runIDs: [2, 1]) { runs, metric, _ in
            #expect(Set(runs).isSubset(of: [1, 2]))
            return metric == .selfConsistency ? selfScores : []
        }
        #expect(calibration.tuningRuns == [1])
        let rows = calibration.rows.filter { $0.metric == .selfConsistency }
        #expect(rows.map(\.unit) == [.sample, .token])
        #expect(rows[0].judged == 101 && rows[0].failed == 1)
        // The malformed details count as a sample but add no tokens.
        #expect(rows[1].judged == 4000 && rows[1].failed == 3)
        let tokenRate = calibration.thresholds.tokenNullRates["drift-self"] ?? 0
        #expect(tokenRate > 3.0 / 4000 && tokenRate < 0.01)
        #expect(calibration.thresholds.nullRates["drift-nucleus"] == nil)
    }
}
