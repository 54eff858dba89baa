import Foundation

/// The index file of an installed dictionary (WordNet's `index.noun`, dictd's `gcide.index`): one
/// entry per line, its headword the first field.
enum DictionaryIndex {
    /// Each line's first field, up to `separator`, as UTF-8 bytes (lines without one are skipped);
    /// `nil` when the file cannot be read.
    static func firstFields(of path: String, separator: UInt8) -> [ArraySlice<UInt8>]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        var fields: [ArraySlice<UInt8>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if let end = bytes[lineStart..<lineEnd].firstIndex(of: separator) { fields.append(bytes[lineStart..<end]) }
            lineStart = lineEnd + 1
        }
        return fields
    }
}
