import GRDB

/// A row of `prompt`: each distinct prompt text, stored once.
public struct PromptRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "prompt"
    public var hash: String
    public var text: String
}
