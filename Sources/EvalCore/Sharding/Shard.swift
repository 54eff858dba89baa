/// One worker's share of a sharded run: shard `index` of `count`, numbered from 0 as Kubernetes
/// numbers the pods of an Indexed Job (`JOB_COMPLETION_INDEX`).
///
/// A shard owns whole requests: every platform's answer to one request (suite, case, sample) is
/// in the same shard, so the reference's answer that drift compares a platform's with is sent by
/// the same worker. Which shard owns a request depends only on its key, never on the order of the
/// plan, so workers agree without talking to each other.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This worker's shard, from 0.
    public let index: Int
    /// How many shards the run has.
    public let count: Int

    /// The whole run as one shard.
    public static let whole = Shard(checkedIndex: 0, count: 1)

    private init(checkedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// A shard, checked: `0 ≤ index < count`, `1 ≤ count ≤ 10000`.
    ///
    /// - Parameter source: Where the numbers came from, for the error (`--shard`, the environment).
    public init(index: Int, count: Int, source: String) throws(ShardError) {
        guard (1...10_000).contains(count) else { throw ShardError("\(source): the shard count \(count) is not between 1 and 10000") }
        guard (0..<count).contains(index) else {
            throw ShardError("\(source): shard \(index) is not between 0 and \(count - 1) (shards are numbered from 0, as JOB_COMPLETION_INDEX)")
        }
        self.init(checkedIndex: index, count: count)
    }

    /// Reads `I/N` (`--shard 3/8`).
    public init(parsing text: String, source: String = "--shard") throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError("\(source): '\(text.prefix(40))' is not I/N (e.g. 0/8: the first of 8 shards)")
        }
        try self.init(index: index, count: count, source: source)
    }

    /// The environment variable Kubernetes sets in each pod of an Indexed Job.
    public static let indexVariable = "JOB_COMPLETION_INDEX"
    /// The variable that gives the shard count beside it (the Job's `completions`).
    public static let countVariable = "EVALCTL_SHARD_COUNT"

    /// The shard an Indexed Job's pod runs, from `JOB_COMPLETION_INDEX` and `EVALCTL_SHARD_COUNT`;
    /// `nil` when neither is set.
    public static func fromEnvironment(_ environment: [String: String]) throws(ShardError) -> Shard? {
        let index = environment[indexVariable]
        let count = environment[countVariable]
        switch (index, count) {
        case (nil, nil):
            return nil
        case (let index?, let count?):
            guard let i = Int(index) else { throw ShardError("\(indexVariable)='\(index.prefix(40))' is not a number") }
            guard let n = Int(count) else { throw ShardError("\(countVariable)='\(count.prefix(40))' is not a number") }
            return try Shard(index: i, count: n, source: "\(indexVariable)=\(i), \(countVariable)=\(n)")
        case (_?, nil):
            throw ShardError("\(indexVariable) is set but \(countVariable) is not: set it to the Job's completions")
        case (nil, _?):
            throw ShardError("\(countVariable) is set but \(indexVariable) is not: run as a pod of an Indexed Job, or pass --shard I/N")
        }
    }

    /// Whether this shard sends `item` (to every platform).
    public func owns(_ item: WorkItem) -> Bool {
        count == 1 || Int(StableHash.value(of: Self.requestKey(item)) % UInt64(count)) == index
    }

    /// The key a request is sharded by: suite, case and sample, not the platform.
    static func requestKey(_ item: WorkItem) -> String {
        "\(item.suiteID)\u{0}\(item.evalCase.id)\u{0}\(item.sampleIndex)"
    }

    public var description: String { "\(index)/\(count)" }
}

/// A shard specification that cannot be used.
public struct ShardError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
