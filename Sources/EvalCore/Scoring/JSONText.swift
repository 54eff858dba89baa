import Foundation

/// Minimal JSON writing for scorer details, without Foundation's encoder.
public enum JSONText {
    /// A JSON number with six significant digits, or `null` for a missing or non-finite value.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return String(format: "%.6g", value)
    }

    /// A JSON string literal for `text`: quotes, backslashes and control characters escaped,
    /// and `<`, `>`, `&` as `\u003c`… so the JSON is inert when embedded in HTML.
    public static func quote(_ text: String) -> String {
        var text = text
        // Most text needs no escape: found in one pass over the bytes, it is copied whole.
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, escape(bytes, at: index) == nil { index += 1 }
            guard index < bytes.count else { return nil }
            var out: [UInt8] = [0x22]
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<index])
            while index < bytes.count {
                if let escape = escape(bytes, at: index) {
                    out.append(contentsOf: escape.utf8)
                    // U+2028 and U+2029 are three bytes.
                    index += bytes[index] == 0xE2 ? 3 : 1
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            out.append(0x22)
            return out
        }
        guard let escaped else { return "\"" + text + "\"" }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The escape for the character whose UTF-8 starts at `index`, `nil` when it is written as is.
    @inline(__always)
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        switch bytes[index] {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x3C: return "\\u003c"
        case 0x3E: return "\\u003e"
        case 0x26: return "\\u0026"
        case let byte where byte < 0x20:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR end a line in JavaScript.
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
            return bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        default: return nil
        }
    }
}
