import EvalCore
import Foundation

/// English multi-word expressions from every dictionary installed: WordNet's lemmas and the
/// headwords of GCIDE, FreeDict's English–German dictionary and FreeDict's WikDict dictionaries
/// from English (see ``WordNetCollocations`` and ``DictdCollocations``).
public enum EnglishExpressions {
    /// What was loaded.
    public struct Loaded: Sendable {
        /// The expressions, `nil` when no dictionary is installed.
        public var collocations: Collocations?
        /// The dictionaries read (`WordNet`, `GCIDE`, `FreeDict eng-deu`, `WikDict eng-fin`, …).
        public var sources: [String]
        /// The Debian packages of the dictionaries missing, each with the folder looked in.
        public var missing: [(package: String, folder: String)]
    }

    /// Loads every dictionary installed.
    ///
    /// The expressions are cached under `~/.cache/evalctl` (see ``CompiledCache/folder()``), named
    /// after the indexes' paths, sizes and dates: reading 400,000 headwords takes about a third of a
    /// second, reading the table back a few hundredths.
    ///
    /// - Parameters:
    ///   - wordNet: WordNet's folder (`/usr/share/wordnet`).
    ///   - dictd: The dictd databases' folder (`/usr/share/dictd`).
    ///   - cacheFolder: Where to read and write that cache (`nil`: no cache).
    public static func load(
        wordNet: String = "/usr/share/wordnet", dictd: String = "/usr/share/dictd", cacheFolder: URL? = CompiledCache.folder()
    ) -> Loaded {
        let paths = WordNetCollocations.indexes.map { wordNet + "/" + $0 } + DictdCollocations.all.map { dictd + "/" + $0.index }
        let cache = cacheFolder?.appendingPathComponent("expressions-\(CompiledCache.fingerprint(format: "format-1", paths: paths)).bin")
        if let cache, let data = try? Data(contentsOf: cache, options: .alwaysMapped), let loaded = read(data, wordNet: wordNet, dictd: dictd) {
            return loaded
        }
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
        if let cache, let collocations {
            // The sources' names on the first line, the table after it.
            CompiledCache.write(Data((loaded.sources.joined(separator: ",") + "\n").utf8) + Data(collocations.serialized()), to: cache)
        }
        return loaded
    }

    /// Reads a cache file written by ``load(wordNet:dictd:cacheFolder:)``: the sources' names, then the
    /// table; `nil` when it is not one.
    static func read(_ data: Data, wordNet: String, dictd: String) -> Loaded? {
        guard let newline = data.firstIndex(of: 0x0A) else { return nil }
        let sources = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: ",").map(String.init)
        let known = ["WordNet"] + DictdCollocations.all.map(\.name)
        guard !sources.isEmpty, sources.allSatisfy(known.contains),
            let collocations = data[(newline + 1)...].withUnsafeBytes({ Collocations(serialized: $0) })
        else { return nil }
        var missing: [(package: String, folder: String)] = []
        if !sources.contains("WordNet") { missing.append((WordNetCollocations.package, wordNet)) }
        for dictionary in DictdCollocations.all where !sources.contains(dictionary.name) { missing.append((dictionary.package, dictd)) }
        return Loaded(collocations: collocations, sources: sources, missing: missing)
    }
}
