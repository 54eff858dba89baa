import Foundation

/// English messages as other projects wrote them: the `msgid`s of the GNU gettext catalogs
/// (`.mo` files) installed under `/usr/share/locale`, for benchmarks on real short strings.
enum GettextMessages {
    /// The distinct messages of every catalog of one locale's folder (the `msgid`s are the
    /// projects' English whatever the locale): without a context (`msgctxt`), the singular of a
    /// plural, with a letter in them; in file-name order.
    static func english(locale: String = "de", root: String = "/usr/share/locale") -> [String] {
        let folder = root + "/" + locale + "/LC_MESSAGES"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".mo") }.sorted()
        var seen = Set<String>()
        var messages: [String] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            for message in msgids(in: [UInt8](data)) where !message.isEmpty && message.contains(where: \.isLetter) {
                if seen.insert(message).inserted { messages.append(message) }
            }
        }
        return messages
    }

    /// The `msgid`s of a `.mo` file (either byte order); none when the bytes are not one.
    static func msgids(in bytes: [UInt8]) -> [String] {
        func word(_ offset: Int, bigEndian: Bool) -> Int? {
            guard offset >= 0, offset + 4 <= bytes.count else { return nil }
            let value = bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return Int(bigEndian ? value : value.byteSwapped)
        }
        // The magic number 0x950412de, as written.
        guard let magic = word(0, bigEndian: true), magic == 0x9504_12de || magic == 0xde12_0495 else { return [] }
        let bigEndian = magic == 0x9504_12de
        guard let count = word(8, bigEndian: bigEndian), let table = word(12, bigEndian: bigEndian), count < 1 << 24 else { return [] }
        var messages: [String] = []
        for index in 0..<count {
            guard let length = word(table + 8 * index, bigEndian: bigEndian), let start = word(table + 8 * index + 4, bigEndian: bigEndian),
                start + length <= bytes.count
            else { return messages }
            let original = bytes[start..<start + length]
            // A context ends at 0x04; a plural's forms are separated by NUL.
            if original.contains(0x04) { continue }
            let singular = original.split(separator: 0, omittingEmptySubsequences: false).first ?? original
            messages.append(String(decoding: singular, as: UTF8.self))
        }
        return messages
    }
}
