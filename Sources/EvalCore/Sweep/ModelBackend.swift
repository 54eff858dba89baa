import Logging

/// Something that turns a prompt into a completion: an HTTP endpoint, or a fake in tests.
public protocol ModelBackend: Sendable {
    /// Obtains one completion.
    ///
    /// - Parameters:
    ///   - request: The prompt and sampling parameters.
    ///   - logger: Where to log.
    /// - Returns: The completion.
    /// - Throws: ``InfraError`` when the backend could not answer; never for a bad answer.
    func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion
}
