/// What a detector of one stream against one baseline remembers between runs.
public struct DetectorState: Sendable, Equatable {
    /// The baselines a stream is compared against.
    public enum Baseline: String, Sendable, CaseIterable, Comparable {
        /// The reference platform's rate on the same suite and metric, over recent runs.
        case reference
        /// The platform's own rate, over runs before the recent ones.
        case history

        public static func < (lhs: Baseline, rhs: Baseline) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Accumulated evidence for a raised rate (the CUSUM statistic).
    public var upper = 0.0
    /// While alarmed: accumulated evidence for the null rate.
    public var lower = 0.0
    /// Whether this detector has fired and not yet cleared.
    public var alarmed = false
    /// The null rate frozen when the detector fired (history baseline), so an ongoing fault does not
    /// become its own baseline.
    public var frozenNullRate: Double?
    /// The last run this detector has seen.
    public var lastRunID: Int64 = 0

    public init() {}
}

/// A detector's identity: a stream and the baseline it is compared against.
public struct DetectorKey: Sendable, Hashable, Comparable {
    public var stream: StreamKey
    public var baseline: DetectorState.Baseline

    public init(stream: StreamKey, baseline: DetectorState.Baseline) {
        self.stream = stream
        self.baseline = baseline
    }

    public static func < (lhs: DetectorKey, rhs: DetectorKey) -> Bool {
        (lhs.stream, lhs.baseline) < (rhs.stream, rhs.baseline)
    }
}
