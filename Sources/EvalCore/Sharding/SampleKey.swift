/// What identifies a sample within a run: a platform's answer to one request.
///
/// A sharded run never stores two samples with one key; a restarted shard skips the keys already
/// stored.
public struct SampleKey: Sendable, Hashable {
    public var platform: String
    public var suiteID: String
    public var caseID: String
    public var sampleIndex: Int

    public init(platform: String, suiteID: String, caseID: String, sampleIndex: Int) {
        self.platform = platform
        self.suiteID = suiteID
        self.caseID = caseID
        self.sampleIndex = sampleIndex
    }

    /// The key of a planned request.
    public init(_ item: WorkItem) {
        self.init(platform: item.platform, suiteID: item.suiteID, caseID: item.evalCase.id, sampleIndex: item.sampleIndex)
    }
}
