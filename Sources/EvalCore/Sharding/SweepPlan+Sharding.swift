extension SweepPlan {
    /// The plan's fingerprint: every request of every platform (suite, version, case, sample, seed).
    ///
    /// Shards of one run must plan the same requests; a shard whose configuration, suites or
    /// seed salt differ has another fingerprint and is refused. Routing keys are left out: they
    /// follow the run's start, which every shard takes from the run.
    public var fingerprint: String {
        var text = ""
        for platform in platforms {
            for item in items[platform] ?? [] {
                text += "\(platform)\u{0}\(item.suiteID)\u{0}\(item.suiteVersion)\u{0}\(item.evalCase.id)\u{0}\(item.sampleIndex)\u{0}"
                text += "\(item.seed)\u{1}"
            }
        }
        let hash = StableHash.value(of: text)
        return String(hash, radix: 16)
    }

    /// The requests one shard sends, less those already stored (a restarted shard's earlier work).
    public func restricted(to shard: Shard, skipping stored: Set<SampleKey> = []) -> SweepPlan {
        filtered { shard.owns($0) && !stored.contains(SampleKey($0)) }
    }
}
