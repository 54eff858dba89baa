import EvalCore
import Testing

struct OutputComparisonTests {
    func outputs(_ platform: String, _ text: (Int, Int) -> String, tokens: Bool = false) -> [SampleOutput] {
        (0..<6).flatMap { index in
            (0..<4).map { sample in SampleOutput(platform: platform, suite: "s", caseID: "c\(index)", output: text(index, sample), hasTokens: tokens)
            }
        }
    }

    @Test func platformsWithoutLogprobsAreTestedCaseByCaseAgainstTheReference() {
        let reference = outputs("ref") { index, sample in "The answer to question \(index) is forty-two, variant \(sample % 2)." }
        let same = outputs("same") { index, sample in "The answer to question \(index) is forty-two, variant \((sample + 1) % 2)." }
        let other = outputs("other") { index, _ in "Réponse \(index) : quarante-deux, évidemment, dit le serveur mal configuré." }
        let withTokens = outputs("logprobs", { index, _ in "anything \(index)" }, tokens: true)
        let comparison = OutputComparison(outputs: reference + same + other + withTokens, reference: "ref")
        #expect(comparison.pValues["logprobs"] == nil, "judged by the token rules instead")
        #expect(comparison.pValues["ref"] == nil)
        #expect(comparison.pValues["same"]?["s"]?.count == 6 && comparison.pValues["other"]?["s"]?.count == 6)
        #expect((comparison.pValues["same"]?["s"] ?? []).allSatisfy { $0 > 0.2 })
        // Four answers against four: the smallest p-value a case can give is 1/35, and every case reaches it.
        #expect((comparison.pValues["other"]?["s"] ?? []).allSatisfy { $0 < 0.05 })
        #expect((comparison.floors["other"]?["s"] ?? []).allSatisfy { $0 > 0 && $0 < 0.05 })
    }
}
