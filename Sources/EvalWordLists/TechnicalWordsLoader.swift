import EvalCore
import Foundation

/// Loads ``TechnicalWords`` from CPython's standard library: the lower-case words its comments and
/// string literals (``PythonProse``) write ``minimumUses`` times or more, of ``minimumLetters``
/// letters or more.
///
/// The library's tests (`test`, `tests`, `idle_test`) and installed packages (`site-packages`,
/// `dist-packages`) are left out: their strings are data, in any language.
public enum TechnicalWordsLoader {
    /// The uses a word needs: 3 (a word written once or twice may be a name or a quotation).
    public static let minimumUses = 3
    /// The letters a word needs.
    public static let minimumLetters = 3

    /// What was loaded.
    public struct Loaded: Sendable {
        /// The words, `nil` when the folder has no Python source.
        public var words: TechnicalWords?
        /// The folder read.
        public var folder: String
    }

    /// The standard library's folder: `$EVALCTL_PYTHON_STDLIB`, else the newest `/usr/lib/python3.N`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment, root: String = "/usr/lib") -> String {
        if let folder = environment["EVALCTL_PYTHON_STDLIB"], !folder.isEmpty { return folder }
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap { name -> (Int, String)? in
            guard name.hasPrefix("python3."), let minor = Int(name.dropFirst("python3.".count)) else { return nil }
            return (minor, name)
        }
        guard let newest = versions.max(by: { $0.0 < $1.0 }) else { return root + "/python3" }
        return root + "/" + newest.1
    }

    /// The `.py` files of the standard library under `folder`, sorted, tests and packages left out.
    static func sources(in folder: String) -> [String] {
        let skipped: Set<String> = ["test", "tests", "idle_test", "site-packages", "dist-packages", "__pycache__"]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if skipped.contains(name) {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".py") { paths.append(folder + "/" + relative) }
        }
        return paths.sorted()
    }

    /// Loads the words of the library in `folder`.
    ///
    /// The words are cached under `~/.cache/evalctl` (see ``CompiledCache/folder()``), named after
    /// the sources' paths, sizes and dates: reading 25 MB of Python takes about a quarter of a
    /// second, the cached list a millisecond.
    ///
    /// - Parameters:
    ///   - folder: The standard library's folder (see ``defaultFolder(environment:root:)``).
    ///   - cacheFolder: Where to read and write that cache (`nil`: no cache).
    public static func load(from folder: String, cacheFolder: URL? = CompiledCache.folder()) -> Loaded {
        let paths = sources(in: folder)
        guard !paths.isEmpty else { return Loaded(words: nil, folder: folder) }
        let cache = cacheFolder?.appendingPathComponent(
            "technical-\(CompiledCache.fingerprint(format: "format-1 \(minimumUses) \(minimumLetters)", paths: paths)).txt")
        if let cache, let data = try? Data(contentsOf: cache) {
            let words = String(decoding: data, as: UTF8.self).split(separator: "\n")
            if !words.isEmpty { return Loaded(words: TechnicalWords(words), folder: folder) }
        }
        let words = count(paths)
        if let cache { CompiledCache.write(Data((words.joined(separator: "\n") + "\n").utf8), to: cache) }
        return Loaded(words: TechnicalWords(words), folder: folder)
    }

    /// The words written ``minimumUses`` times or more in the files' prose, sorted.
    static func count(_ paths: [String]) -> [String] {
        var uses: [ArraySlice<UInt8>: Int] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for piece in PythonProse.pieces(of: [UInt8](data)) {
                PythonProse.lowercaseWords(in: piece) { word in
                    if word.count >= minimumLetters { uses[word, default: 0] += 1 }
                }
            }
        }
        return uses.filter { $0.value >= minimumUses }.map { String(decoding: $0.key, as: UTF8.self) }.sorted()
    }
}
