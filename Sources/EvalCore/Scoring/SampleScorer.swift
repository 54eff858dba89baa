/// Judges one completion of one case. Deterministic and free of I/O.
public protocol SampleScorer: Sendable {
    /// The name stored with each score.
    var name: String { get }

    /// Scores a completion.
    ///
    /// - Parameters:
    ///   - completion: The model's answer.
    ///   - evalCase: The case it answers, with its expectations.
    /// - Returns: The score, or `nil` when the scorer does not apply to this case.
    func score(_ completion: Completion, for evalCase: EvalCase) -> Score?
}
