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
