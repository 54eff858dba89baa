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
