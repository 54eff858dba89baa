import EvalCore
import Testing

struct DetectionCurveTests {
    @Test func separatedPoolsHaveAUCOneAndAreDetectedWithOneSample() throws {
        let curve = try #require(DetectionCurve(candidate: [5, 6, 7], healthy: [0, 1, 2, 1, 0], sampleCounts: [1, 3]))
        #expect(curve.auc == 1)
        #expect(curve.points.allSatisfy { $0.detectionRate == 1 })
    }

    @Test func aHealthyPlatformIsDetectedAtAboutTheFalseAlarmRate() throws {
        let pool = (0..<200).map { Double($0 % 20) }
        let curve = try #require(DetectionCurve(candidate: pool, healthy: pool, sampleCounts: [1, 10], falseAlarmRate: 0.05, draws: 4_000))
        #expect(abs(curve.auc - 0.5) < 1e-9)
        #expect(curve.points.allSatisfy { $0.detectionRate < 0.1 })
    }

    @Test func moreSamplesDetectASmallShiftMoreOften() throws {
        let healthy = (0..<100).map { Double($0 % 10) }
        let shifted = healthy.map { $0 + 2 }
        let curve = try #require(DetectionCurve(candidate: shifted, healthy: healthy, sampleCounts: [1, 5, 60]))
        let rates = curve.points.map(\.detectionRate)
        #expect(rates[0] < rates[1] && rates[1] < rates[2])
        #expect(rates[2] > 0.95)
        #expect(DetectionCurve(candidate: [], healthy: healthy, sampleCounts: [1]) == nil)
    }
}
