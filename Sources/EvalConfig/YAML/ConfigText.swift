import Foundation

/// Reads a configuration, suite or scenario file as UTF-8 text, refusing what is not: a file
/// too large to be a configuration, binary data, UTF-16 or UTF-32, or bytes that are not UTF-8,
/// each with the line and column of the first offending byte.
public enum ConfigText {
    /// The largest file read (a suite of a few thousand prompts is well under 1 MiB).
    public static let maximumBytes = 16 << 20

    /// Reads a file.
    ///
    /// - Parameter path: The file.
    /// - Returns: Its text, without a UTF-8 byte-order mark.
    /// - Throws: ``ConfigError`` naming the file, and the line where the encoding goes wrong.
    public static func read(path: String) throws(ConfigError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw .unreadable(file: path, reason: "it is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit tells an oversized file from one exactly at it.
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        guard data.count <= maximumBytes else {
            throw .unreadable(file: path, reason: "larger than \(maximumBytes >> 20) MiB; configuration and suite files are small text files")
        }
        return try decode(data, file: path)
    }

    /// Decodes a file's bytes as UTF-8.
    ///
    /// - Throws: ``ConfigError`` with the line of the first byte that is not UTF-8 text.
    public static func decode(_ data: Data, file: String) throws(ConfigError) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let kind = bytes.starts(with: [0xFF, 0xFE, 0, 0]) ? "UTF-32" : "UTF-16"
            throw .encoding(file: file, line: 1, message: "the file is \(kind) text (byte-order mark \(hex(bytes.prefix(2)))); save it as UTF-8")
        }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            throw .encoding(file: file, line: 1, message: "the file is UTF-32 text; save it as UTF-8")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        var line = 1
        var column = 1
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0 {
                // UTF-16 without a byte-order mark puts a NUL beside every ASCII character.
                let hint = looksLikeUTF16(body) ? "UTF-16 text without a byte-order mark; save it as UTF-8" : "binary data, not text"
                throw .encoding(file: file, line: line, message: "NUL byte at column \(column): \(hint)")
            }
            let length = sequenceLength(body, at: index)
            guard length > 0 else {
                throw .encoding(
                    file: file, line: line,
                    message:
                        "byte \(hex([byte])) at column \(column) is not UTF-8 (another encoding such as Latin-1 or Windows-1252?); save the file as UTF-8"
                )
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0.
    private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.endIndex else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let range: ClosedRange<UInt8> = offset == 1 ? low...high : 0x80...0xBF
            guard range.contains(byte) else { return 0 }
        }
        return length
    }

    private static func looksLikeUTF16(_ bytes: ArraySlice<UInt8>) -> Bool {
        let sample = bytes.prefix(256)
        let zeros = sample.filter { $0 == 0 }.count
        return sample.count >= 4 && zeros * 3 >= sample.count
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { "0x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
