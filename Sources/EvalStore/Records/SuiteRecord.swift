/// A row of `suite`: one version of one suite.
public struct SuiteRecord: Codable, Sendable, Equatable, StoredRecord {
    static let table = "suite"
    static let columns = "id, suiteKey, version, description"
    public var id: Int64?
    public var suiteKey: String
    public var version: Int
    public var description: String
}

extension SuiteRecord {
    init(row: SQLRow) {
        self.init(id: row[0], suiteKey: row[1], version: row[2], description: row[3])
    }

}
