/// A strict JSON parser (RFC 8259) that reads straight from UTF-8 bytes.
///
/// Foundation's decoder costs milliseconds for an answer with token logprobs; this parser builds
/// ``JSONValue`` trees in one pass. Errors carry the byte offset, line and column.
public struct JSONParser {
    /// Why a document is not JSON, and where.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// Byte offset of the problem, from 0.
        public var offset: Int
        /// Line of the problem, from 1.
        public var line: Int
        /// Column of the problem in characters, from 1.
        public var column: Int

        public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var i = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses one JSON document; white space around it is allowed, anything else is not.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - maxDepth: Deepest nesting of arrays and objects accepted.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = 512) -> Result<JSONValue, Failure> {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0, maxDepth: maxDepth) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String, maxDepth: Int = 512) -> Result<JSONValue, Failure> {
        var text = text
        return text.withUTF8 { parse(buffer: $0, maxDepth: maxDepth) }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, Failure> {
        var reader = JSONParser(buffer, maxDepth: maxDepth)
        do {
            reader.skipSpace()
            let value = try reader.value()
            reader.skipSpace()
            guard reader.i == buffer.count else { throw reader.fail("unexpected text after the value") }
            return .success(value)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(reader.fail("\(error)"))
        }
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private func fail(_ message: String) -> Failure {
        let offset = min(i, bytes.count)
        var line = 1
        var lineStart = 0
        for k in 0..<offset where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        for k in lineStart..<offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return Failure(message: message, offset: offset, line: line, column: column)
    }

    private mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[i] {
        case 0x22: return .string(try string())
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return .number(try number())
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { throw fail("unexpected end of input") }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { throw fail("unexpected character") }
        i += count
    }

    private mutating func number() throws -> String {
        let start = i
        if bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { throw fail("invalid number") }
        if bytes[i] == 0x30 { i += 1 } else { while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 } }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { throw fail("invalid number") }
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] | 0x20 == 0x65 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { throw fail("invalid number") }
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    private mutating func string() throws -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if b == 0x5C { break }
            if b < 0x20 { throw fail("control character in a string") }
            i += 1
        }
        var scalars = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                return String(decoding: scalars, as: UTF8.self)
            }
            if b < 0x20 { throw fail("control character in a string") }
            if b != 0x5C {
                scalars.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { break }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case 0x22, 0x5C, 0x2F: scalars.append(escape)
            case 0x62: scalars.append(0x08)
            case 0x66: scalars.append(0x0C)
            case 0x6E: scalars.append(0x0A)
            case 0x72: scalars.append(0x0D)
            case 0x74: scalars.append(0x09)
            case 0x75:
                var value = try hex4()
                // A lone surrogate is well-formed JSON syntax (RFC 8259 §8.2); it reads as U+FFFD.
                if (0xD800...0xDBFF).contains(value), i + 5 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                    let mark = i
                    i += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = mark
                    }
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                scalars.append(contentsOf: String(scalar).utf8)
            default:
                throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    private mutating func object() throws -> JSONValue {
        i += 1
        depth += 1
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        defer { depth -= 1 }
        var fields: [(key: String, value: JSONValue)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == 0x7D {
            i += 1
            return .object(fields)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a field name") }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':'") }
            i += 1
            skipSpace()
            fields.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated object") }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }
            guard bytes[i] == 0x7D else { throw fail("expected ',' or '}'") }
            i += 1
            return .object(fields)
        }
    }

    private mutating func array() throws -> JSONValue {
        i += 1
        depth += 1
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        defer { depth -= 1 }
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == 0x5D {
            i += 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated array") }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }
            guard bytes[i] == 0x5D else { throw fail("expected ',' or ']'") }
            i += 1
            return .array(items)
        }
    }
}
