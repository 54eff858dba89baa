import EvalCore
import Foundation

/// One sample with its prompt, output and scores: what `evalctl show` prints.
public struct SampleDetail: Sendable {
    public var sample: SampleRecord
    public var platform: String
    public var suite: String
    public var suiteVersion: Int
    public var prompt: String
    public var scores: [ScoreRecord]
    /// The completion's tokens and log-probabilities, when the backend reported them.
    public var tokens: [TokenLogprob]
}

extension ResultStore {
    /// Fetches one sample.
    ///
    /// - Parameter id: The sample's id.
    /// - Throws: ``StoreError`` when it does not exist.
    public func sampleDetail(id: Int64) throws -> SampleDetail {
        try database.read { db in
            guard let sample = try SampleRecord.fetchOne(db, key: id) else {
                throw StoreError.notFound("sample \(id)", path: path)
            }
            let platform = try String.fetchOne(db, sql: "SELECT name FROM platform WHERE id = ?", arguments: [sample.platformID]) ?? "?"
            let suite = try SQLRow.fetchOne(db, sql: "SELECT suiteKey, version FROM suite WHERE id = ?", arguments: [sample.suiteID])
            let prompt = try String.fetchOne(db, sql: "SELECT text FROM prompt WHERE hash = ?", arguments: [sample.promptHash]) ?? ""
            let scores = try ScoreRecord.fetchAll(db, where: "sampleID = ? ORDER BY scorer", arguments: [id])
            return SampleDetail(
                sample: sample, platform: platform, suite: suite?[0] ?? "?", suiteVersion: suite?[1] ?? 0, prompt: prompt,
                scores: scores, tokens: try tokens(db, sampleID: id)
            )
        }
    }

    /// The stored tokens of a sample (empty when it has none).
    ///
    /// - Throws: ``StoreError/corrupt(_:path:)`` when the stored bytes do not decode.
    func tokens(_ db: any SQLSession, sampleID: Int64) throws -> [TokenLogprob] {
        guard let data = try Data.fetchOne(db, sql: "SELECT data FROM sample_tokens WHERE sampleID = ?", arguments: [sampleID]) else {
            return []
        }
        do {
            return try TokenStreamCodec.decode(Array(data))
        } catch {
            throw StoreError.corrupt("sample_tokens of sample \(sampleID): \(error)", path: path)
        }
    }
}
