import EvalCore
import Logging
import Synchronization

/// A backend that answers from a script, with no network: for unit tests of the sweep.
///
/// It records every request, tracks how many were in flight at once, and can fail a chosen
/// number of attempts per prompt before answering.
public final class ScriptedBackend: ModelBackend {
    /// What the backend does with one attempt.
    public enum Step: Sendable {
        case answer(String)
        case fail(InfraError)
    }

    private struct State {
        var attemptsByKey: [String: Int] = [:]
        var inFlight = 0
        var maxInFlight = 0
        var requests: [CompletionRequest] = []
    }

    private let state = Mutex(State())
    private let script: @Sendable (CompletionRequest, Int) -> Step
    private let delay: Duration

    /// Creates a backend.
    ///
    /// - Parameters:
    ///   - delay: How long each attempt takes.
    ///   - script: The step for a request at its n-th attempt (from 1).
    public init(delay: Duration = .zero, script: @escaping @Sendable (CompletionRequest, Int) -> Step) {
        self.delay = delay
        self.script = script
    }

    /// A backend that echoes the prompt.
    public static func echo(delay: Duration = .zero) -> ScriptedBackend {
        ScriptedBackend(delay: delay) { request, _ in .answer("echo: \(request.prompt.flattened)") }
    }

    /// The most requests that were in flight at once.
    public var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    /// Every attempt received, in order.
    public var requests: [CompletionRequest] { state.withLock { $0.requests } }
    /// Attempts received per seed.
    public var attemptsBySeed: [String: Int] { state.withLock { $0.attemptsByKey } }

    public func complete(_ request: CompletionRequest, logger: Logger) async throws(InfraError) -> Completion {
        let attempt = state.withLock { state -> Int in
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            state.requests.append(request)
            state.attemptsByKey["\(request.seed)", default: 0] += 1
            return state.attemptsByKey["\(request.seed)"] ?? 1
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        if delay > .zero { try? await Task.sleep(for: delay) }
        switch script(request, attempt) {
        case .answer(let text):
            return Completion(text: text, finishReason: "stop", reportedModel: request.model, completionTokens: text.count)
        case .fail(let error):
            throw error
        }
    }
}
