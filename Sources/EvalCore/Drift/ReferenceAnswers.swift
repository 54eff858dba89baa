/// The reference platform's answers of the sweep in progress, for comparing other platforms'
/// answers to the same requests (``AlignedComparison``).
///
/// The reference's requests run alongside the others; a platform's sample waits here for the
/// reference's answer to the same suite, case and sample index. Every key the reference was planned
/// to answer is eventually posted (a completion, or `nil` when its request failed), and a waiter whose
/// task is cancelled is released, so no sample waits forever.
public actor ReferenceAnswers {
    /// Identifies one request across platforms: the same prompt and the same seed.
    public struct Key: Hashable, Sendable {
        public var suiteID: String
        public var caseID: String
        public var sampleIndex: Int

        /// The key of a work item.
        public init(_ item: WorkItem) {
            self.suiteID = item.suiteID
            self.caseID = item.evalCase.id
            self.sampleIndex = item.sampleIndex
        }
    }

    /// The reference platform's name.
    public nonisolated let reference: String
    private let planned: Set<Key>
    private var answers: [Key: Completion?] = [:]
    private var waiting: [Key: [(id: Int, reply: CheckedContinuation<Completion?, Never>)]] = [:]
    private var nextWaiter = 0

    /// Creates an empty board.
    ///
    /// - Parameters:
    ///   - reference: The reference platform's name.
    ///   - planned: The reference's work items in this sweep; a key outside them is answered `nil` at once.
    public init(reference: String, planned: [WorkItem]) {
        self.reference = reference
        self.planned = Set(planned.map(Key.init))
    }

    /// Records the reference's answer (`nil`: its request failed) and wakes whoever waits for it.
    public func post(_ completion: Completion?, for key: Key) {
        answers[key] = .some(completion)
        for waiter in waiting.removeValue(forKey: key) ?? [] { waiter.reply.resume(returning: completion) }
    }

    /// The reference's answer to the same request, once it has one.
    ///
    /// - Returns: The completion, or `nil` when the reference failed, was not asked, or the caller was cancelled.
    public func answer(for key: Key) async -> Completion? {
        if let known = answers[key] { return known }
        guard planned.contains(key) else { return nil }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { reply in
                if Task.isCancelled {
                    reply.resume(returning: nil)
                } else {
                    waiting[key, default: []].append((id, reply))
                }
            }
        } onCancel: {
            Task { await self.release(id, key: key) }
        }
    }

    private func release(_ id: Int, key: Key) {
        guard var list = waiting[key], let position = list.firstIndex(where: { $0.id == id }) else { return }
        list.remove(at: position).reply.resume(returning: nil)
        waiting[key] = list.isEmpty ? nil : list
    }
}
