import EvalCore
import Synchronization
import Testing

@Suite struct BatcherTests {
    /// What a handler saw: batch sizes, and how many batches it handled at once at most.
    final class Log: Sendable {
        private let state = Mutex((sizes: [Int](), running: 0, mostAtOnce: 0))
        var sizes: [Int] { state.withLock { $0.sizes } }
        var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }
        func begin(_ size: Int) {
            state.withLock {
                $0.sizes.append(size)
                $0.running += 1
                $0.mostAtOnce = max($0.mostAtOnce, $0.running)
            }
        }
        func end() { state.withLock { $0.running -= 1 } }
    }

    @Test func everyCallerGetsItsOwnOutputAndBatchesStayWithinTheirSize() async {
        let log = Log()
        let batcher = Batcher<Int, String>(policy: .init(maxBatch: 4, linger: .milliseconds(30))) { items in
            log.begin(items.count)
            defer { log.end() }
            return items.map { "item \($0)" }
        }
        let outputs = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<10 { group.addTask { (index, await batcher.submit(index)) } }
            var outputs: [Int: String] = [:]
            for await (index, output) in group { outputs[index] = output }
            return outputs
        }
        #expect(outputs.count == 10)
        #expect(outputs.allSatisfy { $0.value == "item \($0.key)" })
        #expect(log.sizes.allSatisfy { (1...4).contains($0) } && log.sizes.reduce(0, +) == 10)
        #expect(log.sizes.count >= 3, "10 items in batches of at most 4: \(log.sizes)")
        let counts = await batcher.counts
        #expect(counts.items == 10 && counts.batches == log.sizes.count)
    }

    @Test func aLoneItemGoesOutAfterItsLinger() async {
        let batcher = Batcher<Int, Int>(policy: .init(maxBatch: 64, linger: .milliseconds(5))) { $0.map { $0 + 1 } }
        #expect(await batcher.submit(41) == 42)
        #expect(await batcher.counts.batches == 1)
    }

    /// The store's group commit: one transaction at a time; what arrives meanwhile is the next batch.
    @Test func aSerialBatcherHandlesOneBatchAtATimeAndGathersWhatQueuedMeanwhile() async {
        let log = Log()
        let batcher = Batcher<Int, Int>(policy: .init(serial: true)) { items in
            log.begin(items.count)
            try? await Task.sleep(for: .milliseconds(20))
            log.end()
            return items
        }
        let total = await withTaskGroup(of: Int.self) { group in
            for index in 0..<40 { group.addTask { await batcher.submit(index) } }
            return await group.reduce(0, +)
        }
        #expect(total == (0..<40).reduce(0, +))
        #expect(log.mostAtOnce == 1, "batches overlapped")
        #expect(log.sizes.reduce(0, +) == 40)
        #expect(log.sizes.count < 40, "items that queued during a batch went out together: \(log.sizes)")
    }
}
