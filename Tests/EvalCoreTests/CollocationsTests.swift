@testable import EvalCore
import EvalWordLists
import Foundation
import Testing

/// Multi-word expressions: folding, which words of a line they cover, and WordNet's, GCIDE's and FreeDict's as loaded.
struct CollocationsTests {
    @Test func wordsAreComparedLowercasedWithoutDiacriticsOrTypographicApostrophes() {
        #expect(Collocations.fold("Raison") == "raison")
        #expect(Collocations.fold("d’Être") == "d'etre")
        #expect(Collocations.fold("Ölgii") == "olgii")
        var expressions = Collocations()
        expressions.insert(words: ["raison", "d'etre"])
        expressions.insert(words: ["alone"])
        #expect(expressions.count == 1 && expressions.longest == 2)
        #expect(expressions.contains(words: ["Raison", "d’être"]))
        #expect(!expressions.contains(words: ["alone"]))
    }

    @Test func theLongestExpressionAtEachWordCoversItsWords() {
        var expressions = Collocations()
        expressions.insert(words: ["joie", "de", "vivre"])
        expressions.insert(words: ["de", "facto"])
        let words: [Substring] = ["a", "joie", "de", "vivre", "and", "de", "facto", "rule", "de"]
        #expect(expressions.covered(words) == [false, true, true, true, false, true, true, false, false])
        #expect(expressions.covered(["joie"]) == [false])
    }

    /// A borrowed phrase keeps its tail and takes other heads (*soup du jour*, *soupe du jour*):
    /// the last two words or more of an expression of three cover words too, where the caller
    /// accepts them; the expressions' count is unchanged.
    @Test func theTailOfAnExpressionCoversWordsTheCallerAccepts() {
        for utf8 in [false, true] {
            var expressions = Collocations()
            if utf8 {
                expressions.insert(utf8: ArraySlice("soup_du_jour".utf8), separatedBy: { $0 == UInt8(ascii: "_") })
            } else {
                expressions.insert(words: ["soup", "du", "jour"])
            }
            #expect(expressions.count == 1 && expressions.longest == 3)
            let words: [Substring] = ["the", "soupe", "du", "jour", "is", "jour"]
            #expect(expressions.covered(words) == [false, false, true, true, false, false], "utf8: \(utf8)")
            #expect(expressions.covered(words, acceptsTail: { _ in false }) == [Bool](repeating: false, count: 6))
            var seen: [ClosedRange<Int>] = []
            _ = expressions.covered(words) { tail in
                seen.append(tail)
                return true
            }
            #expect(seen == [2...3])
            // The whole expression needs no acceptance; a lone last word is no tail.
            #expect(expressions.covered(["soup", "du", "jour"], acceptsTail: { _ in false }) == [true, true, true])
            #expect(!expressions.contains(words: ["du", "jour"]))
        }
    }

    @Test func wordNetIndexLemmasWithUnderscoresAreTheExpressions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wordnet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index =
            "  1 This software and database is being provided\njoie_de_vivre n 1 1 @ 1 0 07527352\nwine n 2 4 @ ~ 2 1 07891726\ncul-de-sac n 2 3 @ 2 0 1\n"
        try index.write(to: folder.appendingPathComponent("index.noun"), atomically: true, encoding: .utf8)
        let expressions = try #require(WordNetCollocations.load(from: folder.path))
        #expect(expressions.count == 1)
        #expect(expressions.contains(words: ["joie", "de", "vivre"]))
        #expect(WordNetCollocations.load(from: folder.path + "/missing") == nil)
    }

    @Test func gcideHeadwordsOfTwoWordsOrMoreAreTheExpressions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dictd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = "00-database-info\tKj\tuk\nEt cetera\tvKim\tE5\nWine\tAb\tC\nSoupe-maigre\tB9vS0\tCe\n"
        try index.write(to: folder.appendingPathComponent("gcide.index"), atomically: true, encoding: .utf8)
        var expressions = Collocations()
        #expect(DictdCollocations.gcide.add(to: &expressions, from: folder.path))
        #expect(expressions.count == 2)
        #expect(expressions.contains(words: ["et", "cetera"]) && expressions.contains(words: ["soupe", "maigre"]))
        #expect(!DictdCollocations.gcide.add(to: &expressions, from: folder.path + "/missing"))
        // Every dictionary, all but GCIDE missing: it is loaded and the missing ones named.
        // Built, then read back from the cache it wrote: the same expressions and the same report.
        let cache = folder.appendingPathComponent("cache")
        for pass in ["built", "cached"] {
            let loaded = EnglishExpressions.load(wordNet: folder.path + "/missing", dictd: folder.path, cacheFolder: cache)
            #expect(loaded.sources == ["GCIDE"], "\(pass)")
            #expect(loaded.missing.map(\.package) == [WordNetCollocations.package] + DictdCollocations.all.dropFirst().map(\.package), "\(pass)")
            #expect(loaded.collocations?.count == 2, "\(pass)")
            #expect(loaded.collocations?.contains(words: ["soupe", "maigre"]) == true, "\(pass)")
            let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
            #expect(files.count == 1 && files[0].hasPrefix("expressions-"), "\(pass): \(files)")
        }
        // A changed index is another cache file: the table is built again from it.
        try (index + "Per se\tA\tB\n").write(to: folder.appendingPathComponent("gcide.index"), atomically: true, encoding: .utf8)
        let changed = EnglishExpressions.load(wordNet: folder.path + "/missing", dictd: folder.path, cacheFolder: cache)
        #expect(changed.collocations?.count == 3 && changed.collocations?.contains(words: ["per", "se"]) == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 2)
    }

    @Test func serializedExpressionsReadBackTheSameAndDamagedBytesReadAsNothing() throws {
        var expressions = Collocations()
        for phrase in ["joie de vivre", "soup du jour", "coup d'état", "et cetera"] + (0..<2_000).map({ "word\($0) and more\($0)" }) {
            expressions.insert(words: phrase.split(separator: " "))
        }
        let bytes = expressions.serialized()
        let read = try #require(bytes.withUnsafeBytes { Collocations(serialized: $0) })
        #expect(read.count == expressions.count && read.longest == expressions.longest)
        for line in [
            ["a", "joie", "de", "vivre"], ["carte", "du", "jour"], ["coup", "d'etat"], ["word7", "and", "more7"], ["word7", "and", "more8"],
        ] {
            let words = line.map { Substring($0) }
            #expect(read.covered(words) == expressions.covered(words), "\(line)")
        }
        #expect(read.covered(["carte", "du", "jour"]) == [false, true, true])
        // Cut short, one byte too many, another magic, a table that is not a power of two, or more
        // keys than half its slots.
        #expect(Array(bytes.dropLast()).withUnsafeBytes { Collocations(serialized: $0) } == nil)
        #expect((bytes + [0]).withUnsafeBytes { Collocations(serialized: $0) } == nil)
        #expect(([0x58] + bytes.dropFirst()).withUnsafeBytes { Collocations(serialized: $0) } == nil)
        var odd = bytes
        let sizeOffset = Collocations.magic.count + 24
        odd[sizeOffset] = odd[sizeOffset] &+ 1
        #expect(odd.withUnsafeBytes { Collocations(serialized: $0) } == nil)
        var crowded = bytes
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { crowded.replaceSubrange(sizeOffset - 8..<sizeOffset, with: $0) }
        #expect(crowded.withUnsafeBytes { Collocations(serialized: $0) } == nil)
    }

    /// Debian's dict-gcide, which `make deps` installs: loanword phrases WordNet lacks.
    @Test func debiansGCIDEListsLoanwordPhrasesWordNetLacks() throws {
        var expressions = Collocations()
        try #require(DictdCollocations.gcide.add(to: &expressions), "dict-gcide is not installed: run `make deps`")
        #expect(expressions.count > 30_000)
        for phrase in ["et cetera", "nouveau riche"] {
            #expect(expressions.contains(words: phrase.split(separator: " ")), "\(phrase)")
        }
    }

    /// Debian's dict-freedict-eng-deu, which `make deps` installs: its English headwords include
    /// loanword phrases neither WordNet nor GCIDE lists.
    @Test func debiansFreeDictListsLoanwordPhrasesTheOthersLack() throws {
        var expressions = Collocations()
        try #require(DictdCollocations.freeDictEnglishGerman.add(to: &expressions), "dict-freedict-eng-deu is not installed: run `make deps`")
        #expect(expressions.count > 200_000)
        var gcide = Collocations()
        DictdCollocations.gcide.add(to: &gcide)
        let wordNet = WordNetCollocations.load() ?? Collocations()
        let phrase = ["bon", "appétit"]
        #expect(expressions.contains(words: phrase) && !gcide.contains(words: phrase) && !wordNet.contains(words: phrase))
    }

    /// FreeDict's WikDict dictionaries from English, which `make deps` installs: Wiktionary's
    /// English headwords add loanword phrases the other dictionaries lack, and not *a la* (the
    /// English–Czech and English–Hungarian dictionaries, left out, have it).
    @Test func debiansWikDictListsLoanwordPhrasesTheOthersLack() throws {
        var expressions = Collocations()
        for dictionary in DictdCollocations.wikDict {
            try #require(dictionary.add(to: &expressions), "\(dictionary.package) is not installed: run `make deps`")
        }
        #expect(expressions.count > 20_000)
        var others = WordNetCollocations.load() ?? Collocations()
        DictdCollocations.gcide.add(to: &others)
        DictdCollocations.freeDictEnglishGerman.add(to: &others)
        let phrase = ["dolce", "vita"]
        #expect(expressions.contains(words: phrase) && !others.contains(words: phrase))
        #expect(!expressions.contains(words: ["a", "la"]))
    }

    /// Debian's wordnet-base, which `make deps` installs.
    @Test func debiansWordNetListsLoanwordPhrases() throws {
        let expressions = try #require(WordNetCollocations.load(), "wordnet-base is not installed: run `make deps`")
        #expect(expressions.count > 50_000)
        for phrase in ["joie de vivre", "modus operandi", "coup d'état", "status quo", "à la carte"] {
            #expect(expressions.contains(words: phrase.split(separator: " ")), "\(phrase)")
        }
    }
}
