import EvalCore
import EvalWordLists
import Foundation
import Testing

/// Word frequencies: the table, wordfreq's "cB" lists as the loader reads them, and the lists
/// `make deps` unpacks.
struct WordFrequenciesTests {
    static func table() -> WordFrequencies {
        var table = WordFrequencies()
        let english = table.index(adding: "en")
        let french = table.index(adding: "fr")
        let dutch = table.index(adding: "nl")
        for (word, zipf) in [("the", 7.7), ("la", 5.0), ("est", 4.1), ("base", 5.0), ("pour", 4.1), ("op", 4.4), ("in", 7.3), ("cluster", 4.2)] {
            table.insert(word, language: english, zipf: zipf)
        }
        for (word, zipf) in [("la", 7.4), ("est", 7.2), ("base", 5.3), ("pour", 7.0), ("de", 7.7), ("estat", 3.2), ("in", 3.9)] {
            table.insert(word, language: french, zipf: zipf)
        }
        for (word, zipf) in [("op", 7.1), ("de", 7.7), ("in", 7.0)] { table.insert(word, language: dutch, zipf: zipf) }
        return table
    }

    @Test func wordsAreLookedUpLowercasedAndAnElidedArticleIsSetAside() throws {
        let table = Self.table()
        let english = try #require(table.index(of: "en"))
        let french = try #require(table.index(of: "fr"))
        #expect(table.zipf(of: "The", language: english) == 7.7)
        #expect(table.zipf(of: "EST", language: french) == 7.2)
        #expect(table.zipf(of: "estat", language: english) == nil)
        // l'estat → estat; cluster's → cluster; a long word on both sides is looked up whole only.
        #expect(table.zipf(of: "l'estat", language: french) == 3.2)
        #expect(table.zipf(of: "l’estat", language: french) == 3.2)
        #expect(table.zipf(of: "cluster's", language: english) == 4.2)
        #expect(table.zipf(of: "base'estat", language: french) == nil)
        #expect(table.count == 18)
    }

    /// The table grows past any reservation and keeps the higher of two values given for a word.
    @Test func theTableGrowsAndKeepsEveryWordsHighestValue() throws {
        var table = WordFrequencies()
        let english = table.index(adding: "en")
        let german = table.index(adding: "de")
        for n in 0..<20_000 {
            table.insert("w\(n)", language: n % 2 == 0 ? english : german, zipf: Double(n % 60) / 10)
        }
        table.insert("w1", language: german, zipf: 0.5)
        table.insert("w1", language: german, zipf: 7.0)
        table.compact()
        #expect(table.count == 20_000)
        for n in stride(from: 2, to: 20_000, by: 997) {
            #expect(table.zipf(of: "w\(n)", language: n % 2 == 0 ? english : german) == Double(n % 60) / 10)
            #expect(table.zipf(of: "w\(n)", language: n % 2 == 0 ? german : english) == nil)
        }
        #expect(table.zipf(of: "w1", language: german) == 7.0)
    }

    /// What the loader caches reads back with the same look-ups; bytes that are not such a table,
    /// or are cut short, read back as nothing.
    @Test func serializedFrequenciesReadBackTheSame() throws {
        let table = Self.table()
        let bytes = table.serialized()
        let read = try #require(bytes.withUnsafeBytes { WordFrequencies(serialized: $0) })
        #expect(read.languages == table.languages)
        #expect(read.count == table.count)
        #expect(read.absent == table.absent)
        let french = try #require(read.index(of: "fr"))
        #expect(read.zipf(of: "l’estat", language: french) == 3.2)
        #expect(read.excess(of: ["pour", "la", "base"], over: "en")?.language == "fr")
        #expect(read.lists("op", in: "nl") == true)
        #expect(Array(bytes.dropLast()).withUnsafeBytes { WordFrequencies(serialized: $0) } == nil)
        #expect(Array("EVALCTL-LEXICON-2\n".utf8).withUnsafeBytes { WordFrequencies(serialized: $0) } == nil)
    }

    @Test func listsSaysWhetherALanguagesListHasAWordAndNilWithoutAList() {
        let table = Self.table()
        #expect(table.lists("Pour", in: "fr") == true)
        #expect(table.lists("pour", in: "nl") == false)
        #expect(table.lists("pour", in: "ms") == nil)
    }

    @Test func theExcessNamesTheLanguageThatUsesTheWordsMost() throws {
        let table = Self.table()
        // pour la base de: French by 7.0 + 7.4 + 5.3 + 7.7 against English's 4.1 + 5.0 + 5.0 + 1.0 (absent).
        let french = try #require(table.excess(of: ["pour", "la", "base", "de"], over: "en"))
        #expect(french.language == "fr")
        #expect(abs(french.excess - 12.3) < 1e-9)
        #expect(try #require(table.excess(of: ["in", "op", "de"], over: "en")).language == "nl")
        // English words are no excess anywhere; a language set aside is not a candidate.
        #expect(try #require(table.excess(of: ["the", "base"], over: "en")).excess < 0)
        #expect(try #require(table.excess(of: ["in", "op", "de"], over: "en", excluding: ["nl"])).language == "fr")
        #expect(table.excess(of: ["la"], over: "de") == nil)
        // Below the least sum asked for, nothing (the bound of each word's highest value rules the
        // window out before the languages are tried).
        #expect(table.excess(of: ["pour", "la", "base", "de"], over: "en", atLeast: 12)?.language == "fr")
        #expect(table.excess(of: ["pour", "la", "base", "de"], over: "en", atLeast: 13) == nil)
        #expect(table.excess(of: ["the", "base"], over: "en", atLeast: 0) == nil)
        #expect(table.isUsed("est", outside: "en", atLeast: 7) && !table.isUsed("est", outside: "fr", atLeast: 7))
        #expect(!table.isUsed("cluster", outside: "en", atLeast: 3))
        let advantage: Double = try #require(table.advantage(of: ["the", "in"], in: "en", over: "fr"))
        let expected: Double = (7.7 - 1.0) + (7.3 - 3.9)
        #expect(abs(advantage - expected) < 1e-9)
        #expect(table.advantage(of: ["the"], in: "en", over: "xx") == nil)
    }

    /// A cB list in MessagePack: a header, *the* in bucket 0 (Zipf 9), buckets 1–49 empty, *est*
    /// and *é* in bucket 50 (Zipf 8.5): 52 elements, so a 16-bit array length.
    static func cBList(format: String = "cB") -> [UInt8] {
        func string(_ text: String) -> [UInt8] { [0xA0 | UInt8(text.utf8.count)] + Array(text.utf8) }
        var bytes: [UInt8] = [0xDC, 0x00, 52, 0x82] + string("format") + string(format) + string("version") + [0x01]
        bytes += [0x91] + string("the")
        bytes += [UInt8](repeating: 0x90, count: 49)
        bytes += [0x92] + string("est") + string("é")
        return bytes
    }

    /// English's own words by use: those it uses at least so much and no other language more.
    @Test func aLanguageUsesAWordMostWhenNoOtherUsesItMore() {
        let table = Self.table()
        #expect(table.isUsedMost(.init("cluster"), by: "en", atLeast: 2))
        #expect(table.isUsedMost(.init("The"), by: "en", atLeast: 2))
        #expect(!table.isUsedMost(.init("cluster"), by: "en", atLeast: 4.5))
        #expect(!table.isUsedMost(.init("base"), by: "en", atLeast: 2))  // French 5.3 over 5.0
        #expect(!table.isUsedMost(.init("estat"), by: "en", atLeast: 0))  // English lacks it
        #expect(table.isUsedMost(.init("estat"), by: "fr", atLeast: 3))
        #expect(!table.isUsedMost(.init("cluster"), by: "xx", atLeast: 0))  // no list
    }

    @Test func theLoaderReadsCBListsAndNamesTheByteOfABadOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-wordfreq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.cBList()).write(to: folder.appendingPathComponent("large_en.msgpack"))
        try Data([0x91, 0x80]).write(to: folder.appendingPathComponent("small_en.msgpack"))  // the large list wins
        try Data(Self.cBList()).write(to: folder.appendingPathComponent("small_fil.msgpack"))
        let table = try #require(try WordFrequencyLoader.load(from: folder.path, cached: false))
        #expect(Set(table.languages) == ["en", "tl"])
        let english = try #require(table.index(of: "en"))
        #expect(table.zipf(of: "the", language: english) == 9.0)
        #expect(table.zipf(of: "É", language: english) == 8.5)
        #expect(table.count == 6)

        try Data(Self.cBList(format: "xx")).write(to: folder.appendingPathComponent("small_fr.msgpack"))
        let error = #expect(throws: WordFrequencyLoader.FormatError.self) { try WordFrequencyLoader.load(from: folder.path, cached: false) }
        #expect(error?.description.contains("small_fr.msgpack") == true && error?.description.contains("\"xx\"") == true)
        try Data(Self.cBList().dropLast(3)).write(to: folder.appendingPathComponent("small_fr.msgpack"))
        let truncated = #expect(throws: WordFrequencyLoader.FormatError.self) { try WordFrequencyLoader.load(from: folder.path, cached: false) }
        #expect(truncated?.description.contains("byte") == true && truncated?.description.contains("ends early") == true)
        #expect(try WordFrequencyLoader.load(from: folder.path + "/none") == nil)
    }

    @Test func theListsMakeDepsUnpacksTellFrenchFromEnglish() throws {
        let folder = WordFrequencyLoader.defaultFolder()
        let loaded = try WordFrequencyLoader.load(from: folder)
        let table = try #require(loaded, "no word frequencies in \(folder): run `make deps`")
        let english = try #require(table.index(of: "en"))
        let french = try #require(table.index(of: "fr"))
        #expect(try #require(table.zipf(of: "the", language: english)) > 7)
        #expect(try #require(table.zipf(of: "est", language: french)) > 6.5)
        #expect(try #require(table.zipf(of: "est", language: english)) < 5)
        #expect(try #require(table.excess(of: ["pour", "la", "base"], over: "en")).language == "fr")
        #expect(table.languages.count >= 20)
    }
}
