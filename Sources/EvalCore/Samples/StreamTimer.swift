/// Builds a ``StreamTiming`` from the arrival times of a stream's events that carry generated
/// output: text, or a piece of a tool call.
public struct StreamTimer: Sendable {
    private var first: Double?
    private var last: Double?
    private var gaps: [Double] = []

    public init() {}

    /// Notes an event with generated output (text, a tool call's name or arguments) that arrived
    /// `seconds` after the request was sent.
    public mutating func generated(at seconds: Double) {
        if let last { gaps.append(max(0, seconds - last)) } else { first = seconds }
        last = seconds
    }

    /// The timing, or `nil` when no event carried generated output.
    public var timing: StreamTiming? {
        first.map { StreamTiming(timeToFirstToken: $0, interTokenGaps: gaps) }
    }
}
