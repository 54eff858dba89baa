import Synchronization

/// Values kept by key: the fleet's instant mode, and the model's per-context mixtures.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    /// Entries kept before the memo starts afresh (a bound on a long-running server's memory).
    private let capacity: Int

    init(capacity: Int = .max) {
        self.capacity = capacity
    }

    func value(for key: Key, orMake make: () -> Value) -> Value {
        if let found = entries.withLock({ $0[key] }) { return found }
        let made = make()
        entries.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = made
        }
        return made
    }
}
