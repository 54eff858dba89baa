import EvalCore
import Foundation

/// English multi-word expressions from WordNet (Debian's `wordnet-base`): the lemmas of its noun,
/// verb, adjective and adverb indexes written with `_` (`joie_de_vivre`, `a_la_carte`), about 60,000
/// of them, loanword phrases among them, as English dictionaries list them.
public enum WordNetCollocations {
    /// The Debian package.
    public static let package = "wordnet-base"
    /// The index files read.
    public static let indexes = ["index.noun", "index.verb", "index.adj", "index.adv"]

    /// The expressions, or `nil` when no index is installed.
    public static func load(from folder: String = "/usr/share/wordnet") -> Collocations? {
        var collocations = Collocations()
        var found = false
        for name in indexes {
            // One lemma per line, first field; license lines start with two spaces (an empty first field).
            guard let lemmas = DictionaryIndex.firstFields(of: folder + "/" + name, separator: 0x20) else { continue }
            found = true
            for lemma in lemmas where lemma.contains(0x5F) {
                collocations.insert(utf8: lemma) { $0 == 0x5F || $0 == 0x2D }
            }
        }
        return found ? collocations : nil
    }
}
