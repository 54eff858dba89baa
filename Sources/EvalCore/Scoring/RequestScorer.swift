/// Judges one completion in the context of the request that produced it: the platform, the
/// sampling rule and the seed, which drift scoring replays.
public protocol RequestScorer: Sendable {
    /// Scores a completion.
    ///
    /// - Parameters:
    ///   - completion: The platform's answer.
    ///   - item: The request that produced it.
    /// - Returns: Zero or more scores, each under its own name.
    func scores(_ completion: Completion, for item: WorkItem) async -> [Score]

    /// Learns that a request failed (after its retries) and has no completion to score.
    ///
    /// - Parameter item: The request.
    func failed(_ item: WorkItem) async
}

extension RequestScorer {
    /// Does nothing: most scorers only look at completions.
    public func failed(_ item: WorkItem) async {}
}
