import EvalCore
import EvalWordLists
import Foundation
import Testing

/// The words of English technical prose: Python's comments and strings read apart from its code,
/// the words CPython's library writes often enough, and the cache they are kept in.
struct TechnicalWordsTests {
    static func prose(_ source: String) -> [String] {
        PythonProse.pieces(of: Array(source.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func lowercaseWords(_ piece: String) -> [String] {
        var words: [String] = []
        PythonProse.lowercaseWords(in: ArraySlice(piece.utf8)) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    @Test func commentsAndStringsAreTheProseAndCodeIsNot() {
        let source = """
            import os  # read the config
            def main(argv):
                \"\"\"Run the submodule's "init" step.\"\"\"
                path = r'C:\\dir' + f"{argv} on stdin"
                return b'\\x00' + 'it\\'s done'  # done
            """
        #expect(
            Self.prose(source) == [
                " read the config", "Run the submodule's \"init\" step.", "C:\\dir", "{argv} on stdin", "\\x00", "it\\'s done", " done",
            ])
        // A single-quoted string ends at its line; an unterminated one at the end of the source.
        #expect(Self.prose("x = 'open\ny = \"rest") == ["open", "rest"])
        #expect(Self.prose("'''never closed") == ["never closed"])
        #expect(Self.prose("s = 'ends with a backslash\\") == ["ends with a backslash\\"])
    }

    @Test func onlyAllLowercaseRunsOfASCIILettersAreWords() {
        #expect(
            Self.lowercaseWords("read snake_case camelCase HTTP naïve git-dir x2y") == ["read", "snake", "case", "na", "ve", "git", "dir", "x", "y"])
        #expect(Self.lowercaseWords("").isEmpty)
    }

    @Test func wordsAreFoundInAnyCaseAsHashes() {
        let words = TechnicalWords(["git", "stdin"])
        #expect(words.count == 2)
        #expect(words.contains("git") && words.contains("GIT") && words.contains("Stdin"))
        #expect(!words.contains("gi") && !words.contains("gitt"))
    }

    static func library(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stdlib-\(UUID().uuidString)")
        for (path, text) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// A word written three times is kept, twice is not; words of two letters, code, tests and
    /// installed packages do not count; a second load reads the cache, and a changed source makes
    /// another cache file.
    @Test func theLibrarysWordsUsedThreeTimesAreLoadedAndCached() throws {
        let folder = try Self.library([
            "a.py": "# git and stdin, git again\nx = 'gitdir'\n",
            "b/c.py": "\"\"\"git, stdin.\"\"\"\nsubmodule = 1  # submodule submodule\n",
            "test/t.py": "# stdin stdin stdin tty tty tty\n",
            "site-packages/p.py": "# tty tty tty\n",
            "notes.txt": "tty tty tty\n",
            "d.py": "# is is is an an an\n",
        ])
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: cache)
        }
        let loaded = TechnicalWordsLoader.load(from: folder.path, cacheFolder: cache)
        let words = try #require(loaded.words)
        #expect(words.count == 1 && words.contains("git"))
        #expect(!words.contains("stdin") && !words.contains("submodule") && !words.contains("tty") && !words.contains("is"))
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(cached.count == 1 && cached.first?.hasPrefix("technical-") == true)
        #expect(try String(contentsOf: cache.appendingPathComponent(try #require(cached.first)), encoding: .utf8) == "git\n")
        #expect(TechnicalWordsLoader.load(from: folder.path, cacheFolder: cache).words?.count == 1)
        try "# stdin\n".write(to: folder.appendingPathComponent("e.py"), atomically: true, encoding: .utf8)
        let again = try #require(TechnicalWordsLoader.load(from: folder.path, cacheFolder: cache).words)
        #expect(again.count == 2 && again.contains("stdin"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 2)
        // No Python source: nothing loaded, nothing cached.
        #expect(TechnicalWordsLoader.load(from: folder.appendingPathComponent("none").path, cacheFolder: cache).words == nil)
    }

    @Test func theDefaultLibraryIsTheNewestPython3OrTheEnvironments() throws {
        let root = try Self.library(["python3.9/a.py": "", "python3.11/a.py": "", "python3.10/a.py": "", "python2.7/a.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(TechnicalWordsLoader.defaultFolder(environment: [:], root: root.path) == root.path + "/python3.11")
        #expect(TechnicalWordsLoader.defaultFolder(environment: ["EVALCTL_PYTHON_STDLIB": "/opt/py"], root: root.path) == "/opt/py")
    }

    /// CPython's own library, as evalctl loads it: the technical words of the dev samples' false
    /// positives are there; function words of other languages may be too, which the rule leaves
    /// suspicious (``IdentifiedPhrasesTests``).
    @Test func cpythonsLibraryHasTheTechnicalWords() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let loaded = TechnicalWordsLoader.load(from: TechnicalWordsLoader.defaultFolder(), cacheFolder: cache)
        let words = try #require(loaded.words, "no Python source in \(loaded.folder): install python3")
        #expect(words.count > 3000)
        for word in ["git", "stdin", "submodule", "config", "tty", "pid", "init"] { #expect(words.contains(word), "\(word)") }
        for word in ["dolce", "hygge", "schadenfreude", "brûlée"] { #expect(!words.contains(word), "\(word)") }
    }
}
