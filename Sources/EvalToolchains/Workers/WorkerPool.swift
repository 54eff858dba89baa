import Foundation

/// Worker processes of one toolchain, each lent to one caller at a time.
actor WorkerPool {
    private var idle: [WorkerProcess]
    private var waiters: [CheckedContinuation<WorkerProcess, Never>] = []
    /// Set once a worker could not start: every later call fails at once with this reason.
    private(set) var brokenReason: String?
    /// Every worker, for tests.
    nonisolated let all: [WorkerProcess]

    init(size: Int, make: () -> WorkerProcess) {
        let workers = (0..<max(1, size)).map { _ in make() }
        self.idle = workers
        self.all = workers
    }

    func markBroken(_ reason: String) {
        if brokenReason == nil { brokenReason = reason }
    }

    func acquire() async -> WorkerProcess {
        if let worker = idle.popLast() { return worker }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ worker: WorkerProcess) {
        if waiters.isEmpty {
            idle.append(worker)
        } else {
            waiters.removeFirst().resume(returning: worker)
        }
    }

    /// Runs a blocking exchange with a worker on a thread outside Swift's cooperative pool.
    func run<T: Sendable>(_ body: @escaping @Sendable (WorkerProcess) -> T) async -> T {
        let worker = await acquire()
        let result = await onOwnThread { body(worker) }
        release(worker)
        return result
    }
}
