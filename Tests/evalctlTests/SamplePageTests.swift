import Testing

@testable import EvalStore
@testable import evalctl

/// The sample page marks the tokens a failed drift score points at.
struct SamplePageTests {
    @Test func theTokensAFailedDriftScoreNamesAreMarkedAndNoOthers() {
        let scores = [
            ScoreRecord(
                sampleID: 1, scorer: "drift-self", value: 2, passed: false,
                details: #"{"method":"self-report","examples":[{"index":4,"token":"x","logprob":-9.1},{"index":7,"token":"y","logprob":-8}]}"#),
            ScoreRecord(sampleID: 1, scorer: "drift-greedy", value: 0.5, passed: false, details: #"{"diverged_at":2,"platform_token":"a"}"#),
            ScoreRecord(sampleID: 1, scorer: "drift-aligned", value: 0.9, passed: false, details: #"{"max_index":12,"diverged_at":null}"#),
            // A drift score that passed, and a failure of another scorer, mark nothing.
            ScoreRecord(sampleID: 1, scorer: "drift-nucleus", value: 0, passed: true, details: #"{"examples":[{"index":9}]}"#),
            ScoreRecord(sampleID: 1, scorer: "language-mix", value: 1, passed: false, details: #"{"index":11}"#),
            ScoreRecord(sampleID: 1, scorer: "drift-logprob", value: 1, passed: false, details: "not json"),
        ]
        #expect(SamplePage.markedTokens(scores) == [2, 4, 7, 12])
    }
}
