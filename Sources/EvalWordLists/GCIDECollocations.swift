import EvalCore
import Foundation

/// English multi-word expressions from GCIDE, the GNU Collaborative International Dictionary of
/// English (Debian's `dict-gcide`, a dictd database): its headwords of two words or more, spaced or
/// hyphenated, among them loanword phrases WordNet lacks (et cetera, nouveau riche).
public enum GCIDECollocations {
    /// The Debian package.
    public static let package = "dict-gcide"
    /// The dictd index read: one headword per line, then its offset and length, tab-separated.
    public static let index = "gcide.index"

    /// Adds the dictionary's multi-word headwords to `collocations`; `false` when no index is installed.
    @discardableResult
    public static func add(to collocations: inout Collocations, from folder: String = "/usr/share/dictd") -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/" + index) else { return false }
        let bytes = [UInt8](data)
        let database = Array("00-database".utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            // The headword is the first field. Headwords of two words or more, spaced or hyphenated
            // (soupe-maigre: evalctl reads a hyphen as a break between words); dictd's own entries
            // (00-database-info) are skipped.
            guard let tab = bytes[lineStart..<lineEnd].firstIndex(of: 0x09) else { continue }
            let headword = bytes[lineStart..<tab]
            guard headword.contains(where: { $0 == 0x20 || $0 == 0x2D }), !headword.starts(with: database) else { continue }
            collocations.insert(utf8: headword) { $0 == 0x20 || $0 == 0x2D }
        }
        return true
    }
}
