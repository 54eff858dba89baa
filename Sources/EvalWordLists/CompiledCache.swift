import EvalCore
import Foundation

/// Tables compiled from installed files (word lists, Hunspell expansions, word frequencies),
/// cached under `$XDG_CACHE_HOME/evalctl` (else `~/.cache/evalctl`) and named after what they were
/// built from, so that a later run reads them back instead of building them again.
public enum CompiledCache {
    /// The folder the cache files are in.
    public static func folder() -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("evalctl")
        }
        let home = environment["HOME"] ?? NSTemporaryDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/evalctl")
    }

    /// A name for what `paths` build, in format `format`: each path with its size and date, then
    /// `extra` parts (what else went in).
    static func fingerprint(format: String, paths: [String], extra: [String] = []) -> String {
        var parts = [format]
        for path in paths {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? Int) ?? -1
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            parts.append("\(path)|\(size)|\(date)")
        }
        return StableHash.hex(of: (parts + extra).joined(separator: "\n"))
    }

    /// Writes a cache file whole or not at all (a file of this process renamed over it, so that
    /// processes started together never read half of one); a failure leaves no cache, which only
    /// costs the next run the time to build it again.
    static func write(_ data: Data, to file: URL) {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = file.appendingPathExtension("tmp-\(getpid())")
        if (try? data.write(to: temporary)) != nil, rename(temporary.path, file.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
