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
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            found = true
            // One lemma per line, first field; license lines start with two spaces.
            for line in data.split(separator: 0x0A) where line.first != 0x20 {
                guard let end = line.firstIndex(of: 0x20), line[line.startIndex..<end].contains(0x5F) else { continue }
                let lemma = String(decoding: line[line.startIndex..<end], as: UTF8.self)
                collocations.insert(words: lemma.split { $0 == "_" || $0 == "-" })
            }
        }
        return found ? collocations : nil
    }
}
