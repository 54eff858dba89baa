import EvalCore
import Synchronization
import Testing

@Suite struct RunLifecycleTests {
    struct Stopped: Error, Equatable {}
    struct Full: Error {}

    /// What the lifecycle did, in order.
    final class Journal: Sendable {
        private let events = Mutex([String]())
        var all: [String] { events.withLock { $0 } }
        func add(_ event: String) { events.withLock { $0.append(event) } }
    }

    func lifecycle(_ journal: Journal, finishFails: Bool = false) -> RunLifecycle<Int> {
        RunLifecycle(
            begin: {
                journal.add("begin")
                return 7
            },
            finish: { run, ending in
                journal.add("finish \(run) \(ending.rawValue)")
                if finishFails && ending != .complete { throw Full() }
            },
            detect: { run in journal.add("detect \(run)") }
        )
    }

    @Test func aCompleteRunIsFinishedThenDetected() async throws {
        let journal = Journal()
        let result = try await lifecycle(journal).execute { run in
            journal.add("sweep \(run)")
            return "done"
        }
        #expect(result.run == 7 && result.output == "done")
        #expect(journal.all == ["begin", "sweep 7", "finish 7 complete", "detect 7"])
    }

    @Test func aCancelledSweepIsIncompleteAndNeverDetected() async {
        let journal = Journal()
        await #expect(throws: CancellationError.self) {
            _ = try await lifecycle(journal).execute { _ -> Int in throw CancellationError() }
        }
        #expect(journal.all == ["begin", "finish 7 incomplete"])
    }

    @Test func aFailedSweepIsMarkedFailedAndTheCallerSeesItsOwnError() async {
        let journal = Journal()
        await #expect(throws: Stopped.self) {
            _ = try await lifecycle(journal, finishFails: true).execute { _ -> Int in throw Stopped() }
        }
        #expect(journal.all == ["begin", "finish 7 failed"])
    }

    @Test func theExplanationKnowsWhetherTheEndingWasStored() async {
        let journal = Journal()
        let seen = Mutex<(RunEnding, Bool)?>(nil)
        await #expect(throws: Full.self) {
            _ = try await lifecycle(journal, finishFails: true).execute(
                { _ -> Int in throw Stopped() },
                explainingFailure: { _, ending, marked, _ in
                    seen.withLock { $0 = (ending, marked) }
                    return Full()
                })
        }
        #expect(seen.withLock { $0.map { $0.0 == .failed && !$0.1 } } == true)
    }
}
