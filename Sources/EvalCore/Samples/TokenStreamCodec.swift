/// A compact binary form of a completion's tokens and log-probabilities, for storage.
///
/// Layout (all integers are unsigned LEB128 varints, log-probabilities little-endian Float32):
///
/// ```
/// version (1)
/// string count, then each string: byte length, UTF-8 bytes
/// token count, then each token: string index, logprob, alternative count,
///                               then each alternative: string index, logprob
/// ```
///
/// Token texts repeat heavily (the alternatives at one position are usually the tokens of the
/// next), so each distinct text is written once. Float32 keeps 7 significant digits, more than
/// serving stacks compute log-probabilities with.
public enum TokenStreamCodec {
    /// The format written by ``encode(_:)``.
    public static let version: UInt8 = 1

    /// Why a stored token stream could not be read.
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        /// What was wrong.
        public var reason: String
        /// Byte offset where reading stopped.
        public var offset: Int
        public var description: String { "token stream: \(reason) at byte \(offset)" }
    }

    /// Encodes tokens.
    public static func encode(_ tokens: [TokenLogprob]) -> [UInt8] {
        var indexOf: [String: Int] = [:]
        var strings: [String] = []
        func index(_ text: String) -> Int {
            if let index = indexOf[text] { return index }
            indexOf[text] = strings.count
            strings.append(text)
            return strings.count - 1
        }
        var body: [UInt8] = []
        body.reserveCapacity(tokens.count * 16)
        writeVarint(UInt64(tokens.count), to: &body)
        for token in tokens {
            writeVarint(UInt64(index(token.token)), to: &body)
            writeFloat(token.logprob, to: &body)
            writeVarint(UInt64(token.top.count), to: &body)
            for alternative in token.top {
                writeVarint(UInt64(index(alternative.token)), to: &body)
                writeFloat(alternative.logprob, to: &body)
            }
        }
        var bytes: [UInt8] = [version]
        writeVarint(UInt64(strings.count), to: &bytes)
        for string in strings {
            let utf8 = Array(string.utf8)
            writeVarint(UInt64(utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
        bytes.append(contentsOf: body)
        return bytes
    }

    /// Decodes what ``encode(_:)`` wrote.
    ///
    /// - Throws: ``DecodingError`` for a truncated or corrupt stream, or an unknown version.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> [TokenLogprob] {
        var reader = Reader(bytes: bytes)
        let found = try reader.byte()
        guard found == version else { throw DecodingError(reason: "unknown version \(found)", offset: 0) }
        let stringCount = try reader.count(limit: bytes.count)
        var strings: [String] = []
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount {
            let length = try reader.count(limit: bytes.count)
            let slice = try reader.take(length)
            guard let string = String(validating: slice, as: UTF8.self) else {
                throw DecodingError(reason: "invalid UTF-8 in a token text", offset: reader.offset - length)
            }
            strings.append(string)
        }
        func string(_ reader: inout Reader) throws(DecodingError) -> String {
            let index = try reader.count(limit: strings.count - 1)
            return strings[index]
        }
        let tokenCount = try reader.count(limit: bytes.count)
        var tokens: [TokenLogprob] = []
        tokens.reserveCapacity(tokenCount)
        for _ in 0..<tokenCount {
            let text = try string(&reader)
            let logprob = try reader.float()
            let alternativeCount = try reader.count(limit: bytes.count)
            var top: [TokenLogprob.Alternative] = []
            top.reserveCapacity(alternativeCount)
            for _ in 0..<alternativeCount {
                let alternative = try string(&reader)
                top.append(.init(token: alternative, logprob: try reader.float()))
            }
            tokens.append(TokenLogprob(token: text, logprob: logprob, top: top))
        }
        guard reader.offset == bytes.count else {
            throw DecodingError(reason: "\(bytes.count - reader.offset) unexpected trailing bytes", offset: reader.offset)
        }
        return tokens
    }

    private static func writeVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func writeFloat(_ value: Double, to bytes: inout [UInt8]) {
        let bits = Float(value).bitPattern
        bytes.append(UInt8(truncatingIfNeeded: bits))
        bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
        bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws(DecodingError) -> UInt8 {
            guard offset < bytes.count else { throw DecodingError(reason: "truncated", offset: offset) }
            defer { offset += 1 }
            return bytes[offset]
        }

        /// A varint that must be at most `limit` (a count or an index into what was read).
        mutating func count(limit: Int) throws(DecodingError) -> Int {
            let start = offset
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try byte()
                guard shift < 64 else { throw DecodingError(reason: "overlong varint", offset: start) }
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            guard limit >= 0, value <= UInt64(limit) else {
                throw DecodingError(reason: "value \(value) out of range 0...\(max(limit, 0))", offset: start)
            }
            return Int(value)
        }

        mutating func take(_ count: Int) throws(DecodingError) -> ArraySlice<UInt8> {
            guard count <= bytes.count - offset else { throw DecodingError(reason: "truncated", offset: offset) }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }

        mutating func float() throws(DecodingError) -> Double {
            let slice = try take(4)
            let base = slice.startIndex
            let bits = UInt32(slice[base]) | UInt32(slice[base + 1]) << 8 | UInt32(slice[base + 2]) << 16 | UInt32(slice[base + 3]) << 24
            return Double(Float(bitPattern: bits))
        }
    }
}
