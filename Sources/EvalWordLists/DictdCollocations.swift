import EvalCore
import Foundation

/// English multi-word expressions from a dictd database's index: its headwords of two words or
/// more, spaced or hyphenated, among them loanword phrases WordNet lacks (et cetera, nouveau riche,
/// bon appétit).
public struct DictdCollocations: Sendable {
    /// The dictionary's name, as the scorer's provenance line gives it.
    public var name: String
    /// The Debian package.
    public var package: String
    /// The dictd index read: one headword per line, then its offset and length, tab-separated.
    public var index: String

    /// GCIDE, the GNU Collaborative International Dictionary of English (Debian's `dict-gcide`).
    public static let gcide = DictdCollocations(name: "GCIDE", package: "dict-gcide", index: "gcide.index")
    /// FreeDict's English–German dictionary (Debian's `dict-freedict-eng-deu`, from Ding): its
    /// English headwords, 280,000 of them of two words or more, include loanword phrases neither
    /// WordNet nor GCIDE has (bon appétit).
    public static let freeDictEnglishGerman = DictdCollocations(
        name: "FreeDict eng-deu", package: "dict-freedict-eng-deu", index: "freedict-eng-deu.index")
    /// FreeDict's WikDict dictionaries from English (Debian's `dict-freedict-eng-fin`, `-jpn`,
    /// `-bul`, `-nor`, `-ind`): their English headwords are Wiktionary's English entries (via
    /// DBnary), with loanword phrases the others lack (*dolce vita*); the English–X dictionaries
    /// Debian has from other sources are left out (eng-ces and eng-hun list *a la*, which would
    /// hide Catalan's and Asturian's *a la* in English).
    public static let wikDict = ["fin", "jpn", "bul", "nor", "ind"].map { code in
        DictdCollocations(name: "WikDict eng-\(code)", package: "dict-freedict-eng-\(code)", index: "freedict-eng-\(code).index")
    }
    /// The dictionaries evalctl reads, in order.
    public static let all = [gcide, freeDictEnglishGerman] + wikDict

    /// Adds the dictionary's multi-word headwords to `collocations`; `false` when its index is not
    /// installed.
    @discardableResult
    public func add(to collocations: inout Collocations, from folder: String = "/usr/share/dictd") -> Bool {
        guard let headwords = DictionaryIndex.firstFields(of: folder + "/" + index, separator: 0x09) else { return false }
        // Headwords of two words or more, spaced or hyphenated (soupe-maigre: evalctl reads a
        // hyphen as a break between words); dictd's own entries (00-database-info) are skipped.
        for headword in headwords where headword.contains(where: { $0 == 0x20 || $0 == 0x2D }) && !headword.starts(with: [0x30, 0x30]) {
            collocations.insert(utf8: headword) { $0 == 0x20 || $0 == 0x2D }
        }
        return true
    }
}
