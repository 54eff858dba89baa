import EvalCore

/// Teacher forcing through an engine's native routes scores one answer per request: the answers
/// of a batch go out one after the other, and the first failure fails the batch.
enum OneAnswerPerRequest {
    static func force(
        _ requests: [ForcingRequest], _ force: (ForcingRequest) async throws(InfraError) -> [ForcedToken]
    ) async throws(InfraError) -> [[ForcedToken]] {
        var result: [[ForcedToken]] = []
        result.reserveCapacity(requests.count)
        for request in requests {
            result.append(try await force(request))
        }
        return result
    }
}
