import EvalCore
import Synchronization

/// A recorder that keeps samples in memory: for unit tests of the sweep.
public final class MemoryRecorder: SweepRecorder {
    private let storage = Mutex<[(SampleResult, [Score])]>([])

    /// Creates an empty recorder.
    public init() {}

    /// Every recorded sample with its scores, in recording order.
    public var records: [(result: SampleResult, scores: [Score])] {
        storage.withLock { $0.map { (result: $0.0, scores: $0.1) } }
    }

    public func record(_ result: SampleResult, scores: [Score]) async throws {
        storage.withLock { $0.append((result, scores)) }
    }
}
