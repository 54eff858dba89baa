/// Where a sweep puts each sample as soon as it completes.
public protocol SweepRecorder: Sendable {
    /// Stores one sample and its scores durably.
    ///
    /// - Parameters:
    ///   - result: The request's outcome.
    ///   - scores: The scores of its completion (empty for a failed request).
    func record(_ result: SampleResult, scores: [Score]) async throws
}
