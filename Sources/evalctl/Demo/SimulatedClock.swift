import Synchronization

/// The fleet's clock during a replay: set before each sweep.
final class SimulatedClock: Sendable {
    private let seconds = Mutex<Double>(0)
    var now: Double { seconds.withLock { $0 } }
    func set(_ value: Double) { seconds.withLock { $0 = value } }
}
