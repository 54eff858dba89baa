/// A platform that scores given texts token by token (completions with `echo` and `logprobs`).
public protocol TeacherForcing: Sendable {
    /// Texts per request the platform accepts (a batched `prompt` array).
    var maxBatch: Int { get }

    /// Scores texts.
    ///
    /// - Parameters:
    ///   - texts: The texts, each a prompt transcript followed by an answer.
    ///   - topLogprobs: Alternatives wanted per position.
    /// - Returns: Each text's tokens, in the order of `texts`.
    func teacherForce(_ texts: [String], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]]
}
