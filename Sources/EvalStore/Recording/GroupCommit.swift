import Synchronization

/// Commits concurrent writes together: each caller waits until a transaction holding its item has
/// committed, and while one transaction runs, the items that arrive meanwhile queue for the next.
///
/// A sweep with 64 requests in flight then pays for one commit per batch instead of one per
/// sample, and a sample still counts as stored only once its transaction has committed (a sweep
/// killed with `kill -9` loses at most the batch being written, never half a sample).
final class GroupCommit<Item: Sendable>: Sendable {
    private struct Waiting {
        var item: Item
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Waiting] = []
        var writing = false
        var items = 0
        var batches = 0
    }

    private let state = Mutex(State())
    private let write: @Sendable ([Item]) async throws -> Void

    /// Creates a committer.
    ///
    /// - Parameter write: Writes a batch in one transaction; its error fails every item of the batch.
    init(write: @escaping @Sendable ([Item]) async throws -> Void) {
        self.write = write
    }

    /// Items committed and the transactions that committed them, so far.
    var counts: (items: Int, batches: Int) { state.withLock { ($0.items, $0.batches) } }

    /// Queues an item and returns once it is committed.
    func submit(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state -> Bool in
                state.queue.append(Waiting(item: item, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if leads { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = state.queue
                state.queue.removeAll(keepingCapacity: true)
                if batch.isEmpty {
                    state.writing = false
                } else {
                    state.items += batch.count
                    state.batches += 1
                }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try await write(batch.map(\.item))
                for waiting in batch { waiting.continuation.resume() }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
