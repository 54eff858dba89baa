import EvalCore
import Foundation
import GRDB

/// Stores the samples of one run as they complete, each in its own transaction.
public final class RunRecorder: SweepRecorder, @unchecked Sendable {
    // @unchecked: `storedPrompts` is only touched under `lock`.
    /// The run being written.
    public let runID: Int64
    private let store: ResultStore
    private let platformIDs: [String: Int64]
    private let suiteIDs: [String: Int64]
    private let lock = NSLock()
    private var storedPrompts: Set<String> = []

    init(store: ResultStore, runID: Int64, platformIDs: [String: Int64], suiteIDs: [String: Int64]) {
        self.store = store
        self.runID = runID
        self.platformIDs = platformIDs
        self.suiteIDs = suiteIDs
    }

    public func record(_ result: SampleResult, scores: [Score]) async throws {
        guard let platformID = platformIDs[result.work.platform], let suiteID = suiteIDs[result.work.suiteID] else {
            throw StoreError.notFound("platform '\(result.work.platform)' or suite '\(result.work.suiteID)' of run \(runID)", path: store.path)
        }
        let prompt = result.work.evalCase.prompt
        let hash = prompt.contentHash
        // A prompt counts as stored once a transaction that inserts it has committed: until then,
        // every sample of that prompt inserts it (or ignores it), whichever transaction runs first.
        let isNewPrompt = lock.withLock { !storedPrompts.contains(hash) }
        let completion = result.completion
        let error = result.error
        let sample = SampleRecord(
            id: nil, runID: runID, platformID: platformID, suiteID: suiteID, caseID: result.work.evalCase.id,
            sampleIndex: result.work.sampleIndex, promptHash: hash, seed: Int64(bitPattern: result.work.seed),
            routingKey: result.work.routingKey, output: completion?.text, finishReason: completion?.finishReason,
            latency: result.latency, attempts: result.attempts, errorClass: error?.kind.rawValue,
            errorMessage: error?.message, servedBy: completion?.servedBy, reportedModel: completion?.reportedModel,
            systemFingerprint: completion?.systemFingerprint, completionTokens: completion?.completionTokens,
            createdAt: Date().timeIntervalSince1970
        )
        let tokens = completion.flatMap { $0.tokens.isEmpty ? nil : $0.tokens }
        let encodedTokens = tokens.map { Data(TokenStreamCodec.encode($0)) }
        try await store.writer.write { db in
            if isNewPrompt {
                try db.execute(sql: "INSERT OR IGNORE INTO prompt (hash, text) VALUES (?, ?)", arguments: [hash, prompt.flattened])
            }
            var row = sample
            try row.insert(db)
            guard let sampleID = row.id else { return }
            if let tokens, let encodedTokens {
                try db.execute(
                    sql: "INSERT INTO sample_tokens (sampleID, tokenCount, data) VALUES (?, ?, ?)",
                    arguments: [sampleID, tokens.count, encodedTokens]
                )
            }
            for score in scores {
                try ScoreRecord(sampleID: sampleID, scorer: score.scorer, value: score.value, passed: score.passed, details: score.details).insert(db)
            }
        }
        if isNewPrompt { _ = lock.withLock { storedPrompts.insert(hash) } }
    }
}
