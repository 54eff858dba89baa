/// Gathers items submitted concurrently into batches handled by one call, and gives each caller
/// its own item's output.
///
/// Three jobs share it: the store's group commit (one writer: the samples that arrive while a
/// transaction is written go in the next), the reference's teacher-forcing replays (one request
/// for many answers), and the Swift checker (one compiler process for many snippets). A batch goes
/// out when it is full, or `linger` after its first item arrived; a ``Policy/serial`` batcher
/// handles one batch at a time and sends whatever queued meanwhile as the next.
public actor Batcher<Item: Sendable, Output: Sendable> {
    /// When batches go out.
    public struct Policy: Sendable, Equatable {
        /// The most items in one batch.
        public var maxBatch: Int
        /// How long the first item of a batch waits for company (ignored when `serial`: the batch
        /// being handled is the wait).
        public var linger: Duration
        /// One batch at a time.
        public var serial: Bool

        /// Creates a policy.
        public init(maxBatch: Int = .max, linger: Duration = .zero, serial: Bool = false) {
            self.maxBatch = max(1, maxBatch)
            self.linger = linger
            self.serial = serial
        }
    }

    private let policy: Policy
    private let handle: @Sendable ([Item]) async -> [Output]
    private var waiting: [(item: Item, reply: CheckedContinuation<Output, Never>)] = []
    private var flushScheduled = false
    private var draining = false
    private var handled = (items: 0, batches: 0)

    /// Creates a batcher.
    ///
    /// - Parameters:
    ///   - policy: When batches go out.
    ///   - handle: Handles one batch; returns exactly one output per item, in order (failures
    ///     included, as outputs: a batcher never drops a caller).
    public init(policy: Policy, handle: @escaping @Sendable ([Item]) async -> [Output]) {
        self.policy = policy
        self.handle = handle
    }

    /// Items handled so far, and the batches that handled them.
    public var counts: (items: Int, batches: Int) { handled }

    /// Queues an item and returns its output once its batch has been handled.
    public func submit(_ item: Item) async -> Output {
        await withCheckedContinuation { reply in
            waiting.append((item, reply))
            if policy.serial {
                guard !draining else { return }
                draining = true
                Task { await self.drain() }
            } else if waiting.count >= policy.maxBatch {
                send(take())
            } else if !flushScheduled {
                flushScheduled = true
                Task {
                    try? await Task.sleep(for: policy.linger)
                    self.flushDue()
                }
            }
        }
    }

    private func take() -> [(item: Item, reply: CheckedContinuation<Output, Never>)] {
        let count = min(policy.maxBatch, waiting.count)
        let batch = Array(waiting.prefix(count))
        waiting.removeFirst(count)
        if !batch.isEmpty {
            handled.items += batch.count
            handled.batches += 1
        }
        return batch
    }

    private func flushDue() {
        flushScheduled = false
        let batch = take()
        if !batch.isEmpty { send(batch) }
    }

    private func send(_ batch: [(item: Item, reply: CheckedContinuation<Output, Never>)]) {
        let handle = handle
        Task {
            let outputs = await handle(batch.map(\.item))
            Self.reply(batch, outputs)
        }
    }

    private func drain() async {
        while true {
            let batch = take()
            guard !batch.isEmpty else {
                draining = false
                return
            }
            Self.reply(batch, await handle(batch.map(\.item)))
        }
    }

    private static func reply(_ batch: [(item: Item, reply: CheckedContinuation<Output, Never>)], _ outputs: [Output]) {
        precondition(outputs.count == batch.count, "a batch of \(batch.count) items was handled into \(outputs.count) outputs")
        for (entry, output) in zip(batch, outputs) { entry.reply.resume(returning: output) }
    }
}
