/// Reads AWS's binary event-stream framing (`application/vnd.amazon.eventstream`, Bedrock's
/// ConverseStream) from a body as it arrives, in chunks split anywhere.
///
/// A message is a 12-byte prelude (total length, headers length, both big-endian `UInt32`, and the
/// CRC-32 of those 8 bytes), its headers (each a 1-byte name length, the name, a 1-byte value
/// type and the value), its payload, and the CRC-32 of everything before it. Both checksums are
/// verified; header values are kept when they are strings (type 7), the others skipped by their
/// size. Each message is handed on as a ``ServerSentEvent``: `event` is its `:event-type` (or
/// `exception:` and its `:exception-type`), `data` its payload as UTF-8.
struct AWSEventStreamDecoder: Sendable {
    /// The largest message accepted (AWS's limit is 16 MiB for a whole message).
    static let maximumMessageBytes = 16 << 20

    private var buffer: [UInt8] = []

    /// A message that breaks the framing, with why.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// One decoded message.
    struct Message: Equatable {
        var headers: [String: String]
        var payload: [UInt8]

        /// The message as an event: `:event-type`, or `exception:` and `:exception-type` for an
        /// exception (`:message-type` `exception` or `error`).
        var event: ServerSentEvent {
            let type = headers[":message-type"] ?? "event"
            let name =
                type == "event"
                ? headers[":event-type"] ?? "" : "exception:" + (headers[":exception-type"] ?? headers[":error-code"] ?? type)
            return ServerSentEvent(event: name, data: String(decoding: payload, as: UTF8.self))
        }
    }

    init() {}

    /// Reads a chunk; returns the messages it completed.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws(Malformed) -> [Message] {
        buffer.append(contentsOf: bytes)
        var messages: [Message] = []
        var start = 0
        while buffer.count - start >= 12 {
            let total = Int(Self.uint32(buffer, at: start))
            let headersLength = Int(Self.uint32(buffer, at: start + 4))
            guard Self.uint32(buffer, at: start + 8) == CRC32.checksum(buffer[start..<start + 8]) else {
                throw Malformed(description: "an event-stream prelude fails its CRC-32")
            }
            guard total >= 16, total <= Self.maximumMessageBytes, headersLength <= total - 16 else {
                throw Malformed(description: "an event-stream message claims \(total) bytes with \(headersLength) of headers")
            }
            guard buffer.count - start >= total else { break }
            let end = start + total
            guard Self.uint32(buffer, at: end - 4) == CRC32.checksum(buffer[start..<end - 4]) else {
                throw Malformed(description: "an event-stream message fails its CRC-32")
            }
            let headers = try Self.headers(buffer[start + 12..<start + 12 + headersLength])
            messages.append(Message(headers: headers, payload: Array(buffer[start + 12 + headersLength..<end - 4])))
            start = end
        }
        if start > 0 { buffer.removeFirst(start) }
        return messages
    }

    static func uint32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
    }

    /// The string-valued headers; values of other types are skipped by their size.
    static func headers(_ bytes: ArraySlice<UInt8>) throws(Malformed) -> [String: String] {
        var headers: [String: String] = [:]
        var index = bytes.startIndex
        func need(_ count: Int) throws(Malformed) {
            guard bytes.endIndex - index >= count else { throw Malformed(description: "an event-stream header runs past its message") }
        }
        while index < bytes.endIndex {
            try need(1)
            let nameLength = Int(bytes[index])
            index += 1
            try need(nameLength + 1)
            let name = String(decoding: bytes[index..<index + nameLength], as: UTF8.self)
            index += nameLength
            let type = bytes[index]
            index += 1
            switch type {
            case 0, 1: break  // true, false
            case 2: index += 1
            case 3: index += 2
            case 4: index += 4
            case 5, 8: index += 8  // long, timestamp
            case 9: index += 16  // UUID
            case 6, 7:  // bytes, string: a 2-byte length first
                try need(2)
                let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
                index += 2
                try need(length)
                if type == 7 { headers[name] = String(decoding: bytes[index..<index + length], as: UTF8.self) }
                index += length
            default:
                throw Malformed(description: "an event-stream header '\(name.prefix(40))' has the unknown value type \(type)")
            }
            guard index <= bytes.endIndex else { throw Malformed(description: "an event-stream header runs past its message") }
        }
        return headers
    }
}
