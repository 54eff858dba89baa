import Foundation

/// Just enough MessagePack for wordfreq's lists: arrays, maps, strings and small integers.
struct MessagePackReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    func error(_ reason: String) -> WordFrequencyLoader.FormatError {
        WordFrequencyLoader.FormatError(file: file, offset: offset, reason: reason)
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw error("the list ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bigEndian(_ width: Int) throws -> Int {
        var value = 0
        for _ in 0..<width { value = value << 8 | Int(try byte()) }
        return value
    }

    mutating func arrayCount() throws -> Int {
        try count(fixed: 0x90, wide: 0xDC, expected: "an array")
    }

    mutating func mapCount() throws -> Int {
        try count(fixed: 0x80, wide: 0xDE, expected: "a map")
    }

    /// An array's or a map's element count: in the lead byte's low four bits (`fixed` + 0…15), or
    /// in the 2 or 4 bytes after the lead `wide` or `wide` + 1.
    private mutating func count(fixed: UInt8, wide: UInt8, expected: String) throws -> Int {
        let lead = try byte()
        switch lead {
        case fixed...(fixed | 0x0F): return Int(lead & 0x0F)
        case wide: return try bigEndian(2)
        case wide + 1: return try bigEndian(4)
        default: throw error(String(format: "type 0x%02x, expected \(expected)", lead))
        }
    }

    mutating func string() throws -> String {
        String(decoding: try stringBytes(), as: UTF8.self)
    }

    /// A string's UTF-8 bytes, in place.
    mutating func stringBytes() throws -> UnsafeBufferPointer<UInt8> {
        let lead = try byte()
        let length: Int
        switch lead {
        case 0xA0...0xBF: length = Int(lead & 0x1F)
        case 0xD9: length = try bigEndian(1)
        case 0xDA: length = try bigEndian(2)
        case 0xDB: length = try bigEndian(4)
        default: throw error(String(format: "type 0x%02x, expected a string", lead))
        }
        guard offset + length <= bytes.count else { throw error("a string runs past the end") }
        defer { offset += length }
        return UnsafeBufferPointer(rebasing: bytes[offset..<offset + length])
    }

    /// Skips an integer, a string, `nil` or a boolean (the header's other values).
    mutating func skipScalar() throws {
        let lead = try byte()
        switch lead {
        case 0x00...0x7F, 0xC0, 0xC2, 0xC3, 0xE0...0xFF: return
        case 0xCC, 0xD0: offset += 1
        case 0xCD, 0xD1: offset += 2
        case 0xCE, 0xD2: offset += 4
        case 0xCF, 0xD3: offset += 8
        case 0xA0...0xBF:
            offset -= 1
            _ = try string()
        default: throw error(String(format: "type 0x%02x in the header", lead))
        }
    }
}
