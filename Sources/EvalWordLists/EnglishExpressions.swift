import EvalCore

/// English multi-word expressions from every dictionary installed: WordNet's lemmas and GCIDE's
/// headwords (see ``WordNetCollocations`` and ``GCIDECollocations``).
public enum EnglishExpressions {
    /// What was loaded.
    public struct Loaded: Sendable {
        /// The expressions, `nil` when neither dictionary is installed.
        public var collocations: Collocations?
        /// The dictionaries read (`WordNet`, `GCIDE`).
        public var sources: [String]
        /// The Debian packages of the dictionaries missing, each with the folder looked in.
        public var missing: [(package: String, folder: String)]
    }

    /// Loads both dictionaries.
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
        if GCIDECollocations.add(to: &all, from: dictd) {
            collocations = all
            loaded.sources.append("GCIDE")
        } else {
            loaded.missing.append((GCIDECollocations.package, dictd))
        }
        loaded.collocations = collocations
        return loaded
    }
}
