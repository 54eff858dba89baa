/// How a run ended, as its stored status says.
public enum RunEnding: String, Sendable, Equatable {
    /// Every request was made and stored.
    case complete
    /// The sweep was interrupted (cancelled): what was stored is kept.
    case incomplete
    /// The sweep stopped on an error.
    case failed
}

/// The life of one run, the same for `sweep`, `calibrate`, the engine soak and the demo.
///
/// A run is begun before its first request and finished whatever happens: complete only when the
/// sweep returned, incomplete when it was cancelled, failed on any other error. Marking a run that
/// failed is done as well as the store still allows (a full disk may refuse it), and the caller
/// sees the error that stopped the sweep, never one from the marking. Detection reads only
/// complete runs, so it runs after a run has been finished as complete, never before.
public struct RunLifecycle<Run: Sendable>: Sendable {
    /// Starts a run (a row in the store).
    public var begin: @Sendable () async throws -> Run
    /// Marks a run ended.
    public var finish: @Sendable (_ run: Run, _ ending: RunEnding) async throws -> Void
    /// Runs regression detection after a complete run (`nil`: none).
    public var detect: (@Sendable (_ run: Run) async throws -> Void)?

    /// Creates a lifecycle.
    public init(
        begin: @escaping @Sendable () async throws -> Run, finish: @escaping @Sendable (_ run: Run, _ ending: RunEnding) async throws -> Void,
        detect: (@Sendable (_ run: Run) async throws -> Void)? = nil
    ) {
        self.begin = begin
        self.finish = finish
        self.detect = detect
    }

    /// Begins a run, sweeps it, finishes it and, when it is complete, detects.
    ///
    /// - Parameters:
    ///   - sweep: Everything the run does between its beginning and its end (notes, replay
    ///     set-up, the requests).
    ///   - explain: Turns the error that stopped the sweep into the one the caller sees, knowing
    ///     how the run ended and whether that could be stored.
    /// - Returns: The run and what the sweep returned.
    public func execute<Output: Sendable>(
        _ sweep: (Run) async throws -> Output,
        explainingFailure explain: (_ run: Run, _ ending: RunEnding, _ marked: Bool, _ error: any Error) -> any Error = { $3 }
    ) async throws -> (run: Run, output: Output) {
        let run = try await begin()
        let output: Output
        do {
            output = try await sweep(run)
        } catch {
            let ending: RunEnding = error is CancellationError ? .incomplete : .failed
            let marked = (try? await finish(run, ending)) != nil
            throw explain(run, ending, marked, error)
        }
        try await finish(run, .complete)
        if let detect { try await detect(run) }
        return (run, output)
    }
}
