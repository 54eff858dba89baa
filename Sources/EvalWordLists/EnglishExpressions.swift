import EvalCore

/// English multi-word expressions from every dictionary installed: WordNet's lemmas and the
/// headwords of GCIDE and FreeDict's English–German dictionary (see ``WordNetCollocations`` and
/// ``DictdCollocations``).
public enum EnglishExpressions {
    /// What was loaded.
    public struct Loaded: Sendable {
        /// The expressions, `nil` when no dictionary is installed.
        public var collocations: Collocations?
        /// The dictionaries read (`WordNet`, `GCIDE`, `FreeDict eng-deu`).
        public var sources: [String]
        /// The Debian packages of the dictionaries missing, each with the folder looked in.
        public var missing: [(package: String, folder: String)]
    }

    /// Loads every dictionary installed.
    ///
    /// - Parameters:
    ///   - wordNet: WordNet's folder (`/usr/share/wordnet`).
    ///   - dictd: The dictd databases' folder (`/usr/share/dictd`).
    public static func load(wordNet: String = "/usr/share/wordnet", dictd: String = "/usr/share/dictd") -> Loaded {
        var loaded = Loaded(collocations: nil, sources: [], missing: [])
        var collocations = WordNetCollocations.load(from: wordNet)
        if collocations != nil {
            loaded.sources.append("WordNet")
        } else {
            loaded.missing.append((WordNetCollocations.package, wordNet))
        }
        var all = collocations ?? Collocations()
        for dictionary in DictdCollocations.all {
            if dictionary.add(to: &all, from: dictd) {
                collocations = all
                loaded.sources.append(dictionary.name)
            } else {
                loaded.missing.append((dictionary.package, dictd))
            }
        }
        loaded.collocations = collocations
        return loaded
    }
}
