import EvalCore
import Foundation
import GRDB

/// Stores the samples of one run as they complete.
///
/// Samples that complete while a transaction is
/// being written are committed together in the next one (group commit); `record` returns once
/// the sample's transaction has committed.
public final class RunRecorder: SweepRecorder, @unchecked Sendable {
    // @unchecked: `storedPrompts` is only touched under `lock`.
    /// The run being written.
    public let runID: Int64
    private let store: ResultStore
    private let platformIDs: [String: Int64]
    private let suiteIDs: [String: Int64]
    private let lock = NSLock()
    private var storedPrompts: Set<String> = []
    private let commitQueue: Batcher<Pending, Result<Void, any Error>>

    /// One sample ready to insert.
    struct Pending: Sendable {
        var sample: SampleRecord
        var prompt: (hash: String, text: String)?
        var tokens: (count: Int, data: Data)?
        var scores: [Score]
    }

    private let storesTokens: Bool

    init(store: ResultStore, runID: Int64, platformIDs: [String: Int64], suiteIDs: [String: Int64], storesTokens: Bool = true) {
        self.storesTokens = storesTokens
        self.store = store
        self.runID = runID
        self.platformIDs = platformIDs
        self.suiteIDs = suiteIDs
        // One writer: the samples that complete while a transaction is written go in the next.
        self.commitQueue = Batcher(policy: .init(serial: true)) { batch in
            do {
                try await store.database.write { db in
                    if let sqlite = db as? SQLiteSession {
                        let statements = try Statements(sqlite.db)
                        for pending in batch { try Self.insert(pending, statements, sqlite.db) }
                    } else {
                        try Self.insert(batch, db)
                    }
                }
                return batch.map { _ in .success(()) }
            } catch {
                return batch.map { _ in .failure(error) }
            }
        }
    }

    /// Samples stored so far, and the transactions that stored them (group commit's batching).
    public var commits: (samples: Int, transactions: Int) {
        get async {
            let counts = await commitQueue.counts
            return (counts.items, counts.batches)
        }
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
            createdAt: Date().timeIntervalSince1970, timeToFirstToken: completion?.streamTiming?.timeToFirstToken,
            interTokenGap: completion?.streamTiming?.medianInterTokenGap, promptTokens: completion?.promptTokens,
            toolCalls: completion.flatMap { $0.toolCalls.isEmpty ? nil : Self.json($0.toolCalls) }
        )
        let tokens = storesTokens ? completion.flatMap { $0.tokens.isEmpty ? nil : $0.tokens } : nil
        try await commitQueue.submit(
            Pending(
                sample: sample, prompt: isNewPrompt ? (hash, prompt.flattened) : nil,
                tokens: tokens.map { ($0.count, Data(TokenStreamCodec.encode($0))) }, scores: scores
            )
        ).get()
        if isNewPrompt { _ = lock.withLock { storedPrompts.insert(hash) } }
    }

    /// Tool calls as stored: a JSON array of `{"name", "arguments"}`.
    static func json(_ calls: [ToolCall]) -> String {
        "[" + calls.map { "{\"name\":\(JSONText.quote($0.name)),\"arguments\":\(JSONText.quote($0.arguments))}" }.joined(separator: ",") + "]"
    }

    // Prepared once per connection: a record's `insert` encodes the row through Codable each
    // time, which cost more than SQLite's own work at sweep rates. Every column of `sample` but its id.
    static let insertSample: String = {
        let columns = StoreTable.sample.columns.dropFirst()
        return "INSERT INTO sample (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }()

    /// SQLite's prepared statements of one transaction, looked up once for all its samples (a
    /// cached statement is found by hashing its SQL, which cost more than inserting a score row),
    /// run with GRDB's arguments directly: SQLite inserts a row in about a microsecond, so the
    /// recorder's own work per row counts.
    struct Statements {
        let prompt: Statement
        let sample: Statement
        let tokens: Statement
        let score: Statement

        init(_ db: Database) throws {
            prompt = try db.cachedStatement(sql: "INSERT INTO prompt (hash, text) VALUES (?, ?) ON CONFLICT DO NOTHING")
            sample = try db.cachedStatement(sql: RunRecorder.insertSample)
            tokens = try db.cachedStatement(sql: "INSERT INTO sample_tokens (sampleID, tokenCount, data) VALUES (?, ?, ?)")
            score = try db.cachedStatement(sql: "INSERT INTO score (sampleID, scorer, value, passed, details) VALUES (?, ?, ?, ?, ?)")
        }
    }

    private static func insert(_ pending: Pending, _ statements: Statements, _ db: Database) throws {
        if let prompt = pending.prompt {
            try statements.prompt.execute(arguments: [prompt.hash, prompt.text])
        }
        let sample = pending.sample
        try statements.sample.execute(arguments: [
            sample.runID, sample.platformID, sample.suiteID, sample.caseID, sample.sampleIndex, sample.promptHash, sample.seed,
            sample.routingKey, sample.output, sample.finishReason, sample.latency, sample.attempts, sample.errorClass,
            sample.errorMessage, sample.servedBy, sample.reportedModel, sample.systemFingerprint, sample.completionTokens,
            sample.createdAt, sample.timeToFirstToken, sample.interTokenGap, sample.promptTokens, sample.toolCalls,
        ])
        let sampleID = db.lastInsertedRowID
        if let tokens = pending.tokens {
            try statements.tokens.execute(arguments: [sampleID, tokens.count, tokens.data])
        }
        for score in pending.scores {
            try statements.score.execute(arguments: [sampleID, score.scorer, score.value, score.passed, score.details])
        }
    }

    /// Inserts a batch in a few statements (PostgreSQL, where each statement is a round trip to
    /// the server): the samples' ids drawn from their sequence first, so that scores and tokens
    /// can name them, then one multi-row `INSERT` per table.
    private static func insert(_ batch: [Pending], _ db: any SQLSession) throws {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT nextval(pg_get_serial_sequence('sample', 'id')) FROM generate_series(1, ?)", arguments: [batch.count])
        guard ids.count == batch.count else { throw StoreError.corrupt("sample ids: \(ids.count) drawn for \(batch.count) samples", path: "") }
        var prompts: [String: String] = [:]
        for pending in batch { if let prompt = pending.prompt { prompts[prompt.hash] = prompt.text } }
        try db.insertRows(
            into: "prompt", columns: ["hash", "text"], rows: prompts.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] },
            conflict: "ON CONFLICT DO NOTHING")
        try db.insertRows(
            into: "sample", columns: StoreTable.sample.columns,
            rows: zip(ids, batch).map { id, pending in
                let sample = pending.sample
                return SQLArguments([
                    id, sample.runID, sample.platformID, sample.suiteID, sample.caseID, sample.sampleIndex, sample.promptHash, sample.seed,
                    sample.routingKey, sample.output, sample.finishReason, sample.latency, sample.attempts, sample.errorClass,
                    sample.errorMessage, sample.servedBy, sample.reportedModel, sample.systemFingerprint, sample.completionTokens,
                    sample.createdAt, sample.timeToFirstToken, sample.interTokenGap, sample.promptTokens, sample.toolCalls,
                ]).values
            })
        try db.insertRows(
            into: "sample_tokens", columns: ["sampleID", "tokenCount", "data"],
            rows: zip(ids, batch).compactMap { id, pending in
                pending.tokens.map { [.integer(id), .integer(Int64($0.count)), .blob($0.data)] }
            })
        try db.insertRows(
            into: "score", columns: ["sampleID", "scorer", "value", "passed", "details"],
            rows: zip(ids, batch).flatMap { id, pending in
                pending.scores.map { SQLArguments([id, $0.scorer, $0.value, $0.passed, $0.details]).values }
            })
    }
}
