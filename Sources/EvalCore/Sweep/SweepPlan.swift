/// Expands suites × platforms × cases × samples into the list of requests of a sweep.
public struct SweepPlan: Sendable {
    /// The requests, grouped by platform in configuration order.
    public private(set) var items: [String: [WorkItem]]
    /// Platform names in configuration order.
    public let platforms: [String]

    /// Builds the plan.
    ///
    /// Seeds and routing keys depend only on the suite, case and sample index, so every platform
    /// receives the same requests, and the same requests as in earlier runs.
    /// - Parameters:
    ///   - suites: The suites to run.
    ///   - platforms: Names of the platforms to send every request to.
    ///   - routingKeys: Keys rotated over requests (may be empty).
    ///   - seedSalt: Mixed into every seed when not 0: another draw of the same plan (calibration,
    ///     repeated experiments). Platforms still receive the same requests as each other.
    public init(suites: [Suite], platforms: [String], routingKeys: [String], seedSalt: UInt64 = 0) {
        self.platforms = platforms
        var perPlatform: [WorkItem] = []
        for suite in suites {
            for evalCase in suite.cases {
                let sampling = evalCase.sampling(from: suite.defaults)
                for index in 0..<sampling.samples {
                    var seed = sampling.seed(forCase: "\(suite.id)/\(evalCase.id)", sample: index)
                    if seedSalt != 0 { seed = StableHash.value(of: "\(seed)\u{0}\(seedSalt)") & 0x7FFF_FFFF_FFFF }
                    let key = routingKeys.isEmpty ? nil : routingKeys[Int(seed % UInt64(routingKeys.count))]
                    perPlatform.append(
                        WorkItem(
                            platform: "", suiteID: suite.id, suiteVersion: suite.version, evalCase: evalCase,
                            sampleIndex: index, sampling: sampling, seed: seed, routingKey: key
                        )
                    )
                }
            }
        }
        var items: [String: [WorkItem]] = [:]
        for platform in platforms {
            items[platform] = perPlatform.map { item in
                var item = item
                item.platform = platform
                return item
            }
        }
        self.items = items
    }

    /// Total number of requests.
    public var count: Int { items.values.reduce(0) { $0 + $1.count } }

    /// The same plan with only the requests `keep` accepts.
    public func filtered(_ keep: (WorkItem) -> Bool) -> SweepPlan {
        var plan = self
        for (platform, list) in items { plan.items[platform] = list.filter(keep) }
        return plan
    }
}
