/// When the pieces of a streamed answer arrived.
///
/// Streaming serves the first token before the last one is computed; a platform that holds its
/// first token back (a queue, a slow prefill) or stalls between tokens shows it here, where the
/// whole-answer latency hides it.
public struct StreamTiming: Sendable, Equatable {
    /// Seconds from sending the request to the first event that carried answer text.
    public var timeToFirstToken: Double
    /// Seconds between successive events that carried answer text, after the first.
    public var interTokenGaps: [Double]

    /// Creates a timing.
    public init(timeToFirstToken: Double, interTokenGaps: [Double] = []) {
        self.timeToFirstToken = timeToFirstToken
        self.interTokenGaps = interTokenGaps
    }

    /// The median gap between text events (the inter-token latency), or `nil` with fewer than two
    /// text events.
    public var medianInterTokenGap: Double? {
        guard !interTokenGaps.isEmpty else { return nil }
        let sorted = interTokenGaps.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Builds a ``StreamTiming`` from the arrival times of a stream's text events.
public struct StreamTimer: Sendable {
    private var first: Double?
    private var last: Double?
    private var gaps: [Double] = []

    public init() {}

    /// Notes a text event that arrived `seconds` after the request was sent.
    public mutating func text(at seconds: Double) {
        if let last { gaps.append(max(0, seconds - last)) } else { first = seconds }
        last = seconds
    }

    /// The timing, or `nil` when no event carried text.
    public var timing: StreamTiming? {
        first.map { StreamTiming(timeToFirstToken: $0, interTokenGaps: gaps) }
    }
}
