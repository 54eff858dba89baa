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
        guard let headwords = DictionaryIndex.firstFields(of: folder + "/" + index, separator: 0x09) else { return false }
        let database = Array("00-database".utf8)
        // Headwords of two words or more, spaced or hyphenated (soupe-maigre: evalctl reads a
        // hyphen as a break between words); dictd's own entries (00-database-info) are skipped.
        for headword in headwords where headword.contains(where: { $0 == 0x20 || $0 == 0x2D }) && !headword.starts(with: database) {
            collocations.insert(utf8: headword) { $0 == 0x20 || $0 == 0x2D }
        }
        return true
    }
}
