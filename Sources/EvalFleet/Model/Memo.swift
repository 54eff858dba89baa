import Foundation

/// Values kept by key: the fleet's instant mode, and the model's per-context mixtures.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`, a pthread mutex. Under the Synchronization
    // module's `Mutex`, ThreadSanitizer reported races on it between server threads: on Linux that
    // lock's contended path hands ownership over inside the kernel (a priority-inheritance futex),
    // which ThreadSanitizer cannot see, so it could not tell a real race in the fleet from that. It
    // sees a pthread mutex's ordering.
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    /// Entries kept before the memo starts afresh (a bound on a long-running server's memory).
    private let capacity: Int

    init(capacity: Int = .max) {
        self.capacity = capacity
    }

    func value(for key: Key, orMake make: () -> Value) -> Value {
        if let found = lock.withLock({ entries[key] }) { return found }
        let made = make()
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }
}
