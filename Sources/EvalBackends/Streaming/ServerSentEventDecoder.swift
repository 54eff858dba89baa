/// Reads server-sent events from a body as it arrives, in chunks split anywhere.
///
/// As the HTML standard's event-stream interpretation: lines end at CR LF, LF or CR; a line that
/// starts with `:` is a comment (a keep-alive); `field: value` loses one space after the colon;
/// `data` lines accumulate, joined by LF; an empty line dispatches the event (one without data is
/// dropped); `id` and `retry` are ignored (evalctl never reconnects a stream); an event not ended
/// by an empty line when the body ends is discarded.
struct ServerSentEventDecoder: Sendable {
    /// Bytes of the line being read.
    private var line: [UInt8] = []
    /// Whether the last byte was a CR, so that an LF right after it (perhaps in the next chunk)
    /// ends no second line.
    private var afterCR = false
    private var event: String?
    private var data: [UInt8] = []
    private var hasData = false
    /// The longest line accepted: a stream is not a way to make evalctl buffer without end.
    let maximumLineBytes: Int

    init(maximumLineBytes: Int = 16 << 20) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// A line longer than ``maximumLineBytes``.
    struct LineTooLong: Error {}

    /// Reads a chunk; returns the events it completed.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0D:
                afterCR = true
                if let event = endLine() { events.append(event) }
            case 0x0A:
                if let event = endLine() { events.append(event) }
            default:
                guard line.count < maximumLineBytes else { throw LineTooLong() }
                line.append(byte)
            }
        }
        return events
    }

    /// Handles a complete line; returns the event an empty line dispatches.
    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            defer {
                event = nil
                data.removeAll(keepingCapacity: true)
                hasData = false
            }
            guard hasData else { return nil }
            return ServerSentEvent(event: event, data: String(decoding: data, as: UTF8.self))
        }
        if line[0] == 0x3A { return nil }  // a comment
        let colon = line.firstIndex(of: 0x3A) ?? line.endIndex
        let name = line[..<colon]
        var value = colon < line.endIndex ? line[(colon + 1)...] : []
        if value.first == 0x20 { value = value.dropFirst() }
        if name.elementsEqual("data".utf8) {
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        } else if name.elementsEqual("event".utf8) {
            event = String(decoding: value, as: UTF8.self)
        }
        return nil
    }
}
