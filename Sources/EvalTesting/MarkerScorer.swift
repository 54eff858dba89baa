import EvalCore

/// A scorer that passes every completion whose text contains a marker: for unit tests.
public struct MarkerScorer: SampleScorer {
    public let name = "marker"
    private let marker: String

    /// Creates a scorer that looks for `marker`.
    public init(marker: String) {
        self.marker = marker
    }

    public func score(_ completion: Completion, for evalCase: EvalCase) -> Score? {
        let found = completion.text.contains(marker)
        return Score(scorer: name, value: found ? 0 : 1, passed: found)
    }
}
