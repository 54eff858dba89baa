/// A row of `platform`: a named backend, kept across runs.
public struct PlatformRecord: Codable, Sendable, Equatable, StoredRecord {
    static let table = "platform"
    static let columns = "id, name, protocol, baseURL, model, isReference"
    public var id: Int64?
    public var name: String
    public var `protocol`: String
    public var baseURL: String
    public var model: String
    public var isReference: Bool
}

extension PlatformRecord {
    init(row: SQLRow) {
        self.init(id: row[0], name: row[1], protocol: row[2], baseURL: row[3], model: row[4], isReference: row[5])
    }

}
