import EvalCore
import Foundation

/// Loads the Debian word lists (`wamerican`, `wspanish`, `wngerman`, …) under `/usr/share/dict`
/// into a ``Lexicon`` for same-script language detection.
public enum WordListLoader {
    /// The lists evalctl uses, by language: Debian package and file names.
    public static let catalog: [(language: String, package: String, files: [String])] = [
        ("en", "wamerican", ["american-english", "british-english"]),
        ("es", "wspanish", ["spanish"]),
        ("de", "wngerman", ["ngerman"]),
        ("fr", "wfrench", ["french"]),
        ("it", "witalian", ["italian"]),
        ("pt", "wportuguese", ["portuguese", "brazilian"]),
        ("nl", "wdutch", ["dutch"]),
        ("pl", "wpolish", ["polish"]),
        ("sv", "wswedish", ["swedish"]),
        ("da", "wdanish", ["danish"]),
    ]

    /// Debian packages that provide the lists, for installers.
    public static var packages: [String] {
        catalog.map(\.package) + ["liblingua-stopwords-perl", "hunspell-tools"] + HunspellExpansion.dictionaries.map(\.package)
    }

    /// What was loaded.
    public struct Report: Sendable {
        /// Languages with at least one list, in catalog order.
        public var languages: [String]
        /// Debian packages whose lists were not found.
        public var missingPackages: [String]
        /// The lists' identity across machines: each language's files' names and sizes (paths and
        /// dates differ from one machine to the next, the lists do not).
        public var fingerprint = ""
    }

    /// Loads every list found in a folder.
    ///
    /// The compiled table is cached under `~/.cache/evalctl` (see ``CompiledCache/folder()``),
    /// named after the sources' paths, sizes and dates: building it from ten million lines takes
    /// seconds, reading it back a fraction of one.
    /// - Parameters:
    ///   - folder: Where the lists are (`/usr/share/dict`).
    /// - Returns: The lexicon (or `nil` when no list exists) and what was found.
    ///   - hunspellFolder: Where Hunspell dictionaries are, for expanded lists (`/usr/share/hunspell`).
    public static func load(from folder: String = "/usr/share/dict", hunspellFolder: String = "/usr/share/hunspell") -> (Lexicon?, Report) {
        var present: [(language: String, paths: [String])] = []
        var missing: [String] = []
        for entry in catalog {
            let paths = entry.files.map { folder + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
            if paths.isEmpty { missing.append(entry.package) } else { present.append((entry.language, paths)) }
        }
        guard !present.isEmpty else { return (nil, Report(languages: [], missingPackages: missing)) }
        let languages = present.map(\.language)
        let stopwords = languages.map(functionWords(for:))
        if stopwords.allSatisfy(\.isEmpty) { missing.append("liblingua-stopwords-perl") }
        let sources = present.flatMap(\.paths) + HunspellExpansion.sourceFiles(for: languages, in: hunspellFolder)
        var report = Report(languages: languages, missingPackages: missing)
        report.fingerprint = StableHash.hex(
            of: sources.map { path in
                let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? -1
                return "\((path as NSString).lastPathComponent)|\(size)"
            }.joined(separator: "\n")
        )
        let cache = CompiledCache.folder().appendingPathComponent("lexicon-\(fingerprint(of: sources, stopwords: stopwords)).bin")
        // Mapped, not read: the table is copied once, out of the page cache, instead of twice.
        if let data = try? Data(contentsOf: cache, options: .alwaysMapped), let cached = data.withUnsafeBytes({ Lexicon(serialized: $0) }),
            cached.languages == languages
        {
            return (cached, report)
        }
        // Read everything first, so the table is sized once from the exact number of lines.
        var lists: [(index: Int, data: Data)] = []
        for (index, entry) in present.enumerated() {
            for path in entry.paths {
                if let data = FileManager.default.contents(atPath: path) { lists.append((index, data)) }
            }
            if let expanded = HunspellExpansion.words(for: entry.language, in: hunspellFolder) { lists.append((index, expanded)) }
        }
        let lines = lists.reduce(0) { $0 + lineCount($1.data) } + stopwords.reduce(0) { $0 + $1.count }
        var lexicon = Lexicon(languages: languages, capacity: lines)
        for list in lists { add(list.data, language: list.index, to: &lexicon) }
        for (index, words) in stopwords.enumerated() {
            for word in words { lexicon.insert(functionWord: word, language: index) }
        }
        CompiledCache.write(Data(lexicon.serialized()), to: cache)
        return (lexicon, report)
    }

    /// A name for the compiled lexicon of these sources: their paths, sizes and dates, and the stopwords.
    static func fingerprint(of paths: [String], stopwords: [[String]]) -> String {
        CompiledCache.fingerprint(format: "format-3", paths: paths, extra: [stopwords.map { $0.joined(separator: " ") }.joined(separator: "|")])
    }

    /// Snowball's function-word (stopword) lists: PostgreSQL's text-search files when PostgreSQL
    /// is installed, else the Lingua::StopWords Perl modules (Debian's liblingua-stopwords-perl);
    /// for Polish, which neither covers, evalctl's own list (``AuthoredFunctionWords``).
    public static func functionWords(for language: String) -> [String] {
        let names = [
            "en": "english", "es": "spanish", "de": "german", "fr": "french", "it": "italian", "pt": "portuguese",
            "nl": "dutch", "sv": "swedish", "da": "danish",
        ]
        guard let name = names[language] else { return AuthoredFunctionWords.words(for: language) }
        let postgres = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/share/postgresql")) ?? []
        for version in postgres.sorted(by: >) {
            let path = "/usr/share/postgresql/\(version)/tsearch_data/\(name).stop"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        }
        let module = "/usr/share/perl5/Lingua/StopWords/\(language.uppercased()).pm"
        guard let source = try? String(contentsOfFile: module, encoding: .utf8),
            let open = source.range(of: "return qw("),
            let close = source.range(of: ")", range: open.upperBound..<source.endIndex)
        else { return [] }
        return source[open.upperBound..<close.lowerBound].split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    static func lineCount(_ data: Data) -> Int {
        data.withUnsafeBytes { raw in raw.reduce(into: 1) { count, byte in if byte == 0x0A { count += 1 } } }
    }

    /// Adds one newline-separated list; lists that are not UTF-8 are read as ISO-8859-1
    /// (Debian's Swedish list is).
    ///
    /// Lowercase entries match any case; entries with capitals
    /// only their own spelling.
    static func add(_ data: Data, language: Int, to lexicon: inout Lexicon) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let isUTF8 = UTF8Decoding.isWellFormed(bytes)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                // An entry ends at the line's end or at a tab: Hunspell expansions keep what follows
                // one (morphological fields; Spanish's `ex<tab>combatientes` is two words).
                var stop = start
                while stop < end, bytes[stop] != 0x09 { stop += 1 }
                if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
                if stop > start {
                    lexicon.insert(hash: entryHash(bytes, start, stop, isUTF8: isUTF8), language: language)
                }
                start = end + 1
            }
        }
    }

    /// The entry hash of one line, without allocating: a first pass finds capitals, a second hashes.
    @inline(__always)
    static func entryHash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int, isUTF8: Bool) -> UInt64 {
        var capitals = false
        var k = start
        while k < stop, !capitals {
            let (value, length) = isUTF8 ? UTF8Decoding.decode(bytes, at: k, end: stop) : (UInt32(bytes[k]), 1)
            capitals = value < 0x80 ? (0x41...0x5A).contains(value) : WordHasher.latinLowercase(value).map { $0 != value } ?? false
            k += length
        }
        var hasher = WordHasher(exact: capitals)
        k = start
        while k < stop {
            let (value, length) = isUTF8 ? UTF8Decoding.decode(bytes, at: k, end: stop) : (UInt32(bytes[k]), 1)
            if capitals { hasher.appendExact(value: value) } else { hasher.append(value: value) }
            k += length
        }
        return hasher.value
    }

}

/// Decoding of UTF-8 that is known to be valid.
enum UTF8Decoding {
    /// Whether every lead byte is followed by the right number of continuation bytes
    /// (enough to tell UTF-8 from ISO-8859-1 word lists).
    static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if b < 0x80 {
                k += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            guard length > 0, k + length <= bytes.count else { return false }
            for j in 1..<length where bytes[k + j] & 0xC0 != 0x80 { return false }
            k += length
        }
        return true
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, index + 1 < end { return ((b0 & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if b0 < 0xF0, index + 2 < end {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        if index + 3 < end {
            return (
                (b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }
}
