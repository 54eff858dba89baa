import EvalCore
import Foundation

/// Loads wordfreq's word frequencies (PyPI's `wordfreq` 3.1.1; `make deps` unpacks its lists with
/// `Tests/LanguageID/fetch_word_frequencies.sh`) into ``WordFrequencies``.
///
/// Each list is wordfreq's "cB" format in MessagePack: an array whose first element is a header
/// map (`{"format": "cB", "version": 1}`) and whose element *i* + 1 is the array of words used
/// 10^(−*i*/100) of the time (*i* centibels below one), so a word's Zipf value is 9 − *i*/100.
public enum WordFrequencyLoader {
    /// The default folder: `$EVALCTL_WORDFREQ_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/evalctl/wordfreq`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let folder = environment["EVALCTL_WORDFREQ_DIR"], !folder.isEmpty { return folder }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return cache + "/evalctl/wordfreq"
    }

    /// wordfreq's code of a list → the code the identifiers use (`fil` Filipino is fastText's
    /// `tl`; `sh`, Serbo-Croatian in Latin script, is judged with Croatian).
    static let codes = ["fil": "tl", "sh": "hr"]

    /// A list that is not wordfreq's "cB" format.
    public struct FormatError: Error, CustomStringConvertible {
        public var file: String
        public var offset: Int
        public var reason: String
        public var description: String { "\(file): byte \(offset): \(reason)" }
    }

    /// Loads every `large_*.msgpack` and `small_*.msgpack` list in a folder (a language with both
    /// takes the large one).
    ///
    /// The loaded table is cached under `~/.cache/evalctl` (see ``CompiledCache/folder()``),
    /// named after the lists' paths, sizes and dates: reading and hashing 1.4 million words takes
    /// about half a second, reading the table back a few hundredths.
    ///
    /// - Parameter cached: Whether to read and write that cache.
    /// - Returns: The frequencies, or `nil` when the folder has no list.
    /// - Throws: ``FormatError`` for a list that is not in the cB format.
    public static func load(from folder: String, cached: Bool = true) throws -> WordFrequencies? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".msgpack") }.sorted()
        var files: [String: String] = [:]
        for name in names {
            let stem = String(name.dropLast(".msgpack".count))
            guard let separator = stem.firstIndex(of: "_") else { continue }
            let size = stem[..<separator]
            let code = String(stem[stem.index(after: separator)...])
            guard size == "large" || size == "small" else { continue }
            if size == "large" || files[code] == nil { files[code] = name }
        }
        guard !files.isEmpty else { return nil }
        let sources = files.sorted(by: { $0.key < $1.key }).map { (code: codes[$0.key] ?? $0.key, path: folder + "/" + $0.value) }
        let cache = CompiledCache.folder().appendingPathComponent("wordfreq-\(fingerprint(of: sources.map(\.path))).bin")
        // Mapped, not read: the table is copied once, out of the page cache (see WordListLoader).
        if cached, let data = try? Data(contentsOf: cache, options: .alwaysMapped),
            let frequencies = data.withUnsafeBytes({ WordFrequencies(serialized: $0) })
        {
            return frequencies
        }
        var lists: [(code: String, path: String, data: Data)] = []
        for (code, path) in sources {
            if let data = FileManager.default.contents(atPath: path) { lists.append((code, path, data)) }
        }
        var frequencies = WordFrequencies()
        // A word takes 9 bytes of a list on average (its length byte, its letters); sized once.
        frequencies.reserveCapacity(lists.reduce(0) { $0 + $1.data.count } / 9)
        for list in lists {
            let language = frequencies.index(adding: list.code)
            try list.data.withUnsafeBytes { raw in
                try read(raw.bindMemory(to: UInt8.self), file: list.path) { word, zipf in
                    frequencies.insert(utf8: word, language: language, zipf: zipf)
                }
            }
        }
        frequencies.compact()
        if cached { CompiledCache.write(Data(frequencies.serialized()), to: cache) }
        return frequencies
    }

    /// A name for the cached table of these lists: their paths, sizes and dates.
    static func fingerprint(of paths: [String]) -> String {
        CompiledCache.fingerprint(format: "format-1", paths: paths)
    }

    /// Reads one cB list, calling `add` with each word (its UTF-8 bytes) and its Zipf value.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String, add: (UnsafeBufferPointer<UInt8>, Double) -> Void) throws {
        var reader = MessagePackReader(bytes: bytes, file: file)
        let buckets = try reader.arrayCount()
        guard buckets >= 1 else { throw reader.error("an empty list") }
        let headerEntries = try reader.mapCount()
        var format = ""
        for _ in 0..<headerEntries {
            let key = try reader.string()
            if key == "format" { format = try reader.string() } else { try reader.skipScalar() }
        }
        guard format == "cB" else { throw reader.error("format \"\(format)\", expected \"cB\"") }
        for bucket in 0..<(buckets - 1) {
            let zipf = 9 - Double(bucket) / 100
            for _ in 0..<(try reader.arrayCount()) {
                add(try reader.stringBytes(), zipf)
            }
        }
    }
}
