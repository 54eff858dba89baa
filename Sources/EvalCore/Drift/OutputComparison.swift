/// The two-sample test of the platforms that report no log-probabilities (the Anthropic Messages
/// API, Bedrock's Converse): per case, an MMD test between the platform's answers and the
/// reference's answers to the same prompt, and the smallest p-value those samples could give.
///
/// A platform any of whose answers carries token log-probabilities is judged by the token rules
/// instead and left out here. Each test is seeded by the platform and the case, so a run's
/// verdict does not change between readings.
public struct OutputComparison: Sendable {
    /// Per platform × suite, the cases' p-values.
    public var pValues: [String: [String: [Double]]] = [:]
    /// The same cases' smallest attainable p-values (``MMDTest/smallestPValue(_:_:)``).
    public var floors: [String: [String: [Double]]] = [:]

    /// Tests every platform without log-probabilities against the reference, case by case.
    public init(outputs: [SampleOutput], reference: String, test: MMDTest = MMDTest()) {
        let referenceOutputs = Dictionary(grouping: outputs.filter { $0.platform == reference }) { "\($0.suite)\u{0}\($0.caseID)" }
        for (platform, own) in Dictionary(grouping: outputs.filter { $0.platform != reference }, by: \.platform) {
            guard !own.contains(where: \.hasTokens) else { continue }
            for (key, samples) in Dictionary(grouping: own, by: { "\($0.suite)\u{0}\($0.caseID)" }) {
                guard let others = referenceOutputs[key], let suite = samples.first?.suite,
                    let result = test.test(samples.map(\.output), others.map(\.output), seed: StableHash.value(of: platform + "\u{0}" + key))
                else { continue }
                pValues[platform, default: [:]][suite, default: []].append(result.pValue)
                floors[platform, default: [:]][suite, default: []].append(test.smallestPValue(samples.count, others.count))
            }
        }
    }
}
