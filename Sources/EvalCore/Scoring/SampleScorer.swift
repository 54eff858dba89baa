/// Judges one completion of one case.
///
/// Deterministic; what it needs from outside (a toolchain) it
/// reaches through a protocol.
public protocol SampleScorer: Sendable {
    /// The name stored with each score.
    var name: String { get }

    /// Scores a completion.
    ///
    /// - Parameters:
    ///   - completion: The model's answer.
    ///   - evalCase: The case it answers, with its expectations.
    /// - Returns: The score, or `nil` when the scorer does not apply to this case.
    func score(_ completion: Completion, for evalCase: EvalCase) async -> Score?
}
