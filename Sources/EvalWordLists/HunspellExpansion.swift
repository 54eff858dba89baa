import Foundation

/// Every inflected form of a Hunspell dictionary, expanded by Hunspell's own `unmunch`, for
/// languages whose plain Debian word list is small (Spanish: 86k words, without verb forms;
/// expanded, 1.3M forms).
///
/// Italian's expansion is not used: with clitics it reaches 36M forms.
///
/// The expansion takes about half a second; its result is cached under
/// `$XDG_CACHE_HOME/evalctl` (else `~/.cache/evalctl`), keyed by the dictionary's size and date.
enum HunspellExpansion {
    static let dictionaries: [(language: String, package: String, name: String)] = [
        ("es", "hunspell-es", "es_ES")
    ]

    /// The dictionary files behind the languages' expansions, for cache keys.
    static func sourceFiles(for languages: [String], in folder: String) -> [String] {
        dictionaries.filter { languages.contains($0.language) }.flatMap { ["\(folder)/\($0.name).dic", "\(folder)/\($0.name).aff"] }
            .filter { FileManager.default.fileExists(atPath: $0) } + (executable("unmunch").map { [$0] } ?? [])
    }

    /// The expanded forms, one per line, or `nil` when the dictionary or `unmunch` is missing.
    static func words(for language: String, in folder: String) -> Data? {
        guard let entry = dictionaries.first(where: { $0.language == language }) else { return nil }
        let dic = "\(folder)/\(entry.name).dic"
        let aff = "\(folder)/\(entry.name).aff"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: dic),
            FileManager.default.fileExists(atPath: aff),
            let unmunch = executable("unmunch")
        else { return nil }
        let size = (attributes[.size] as? Int) ?? 0
        let date = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        let cache = CompiledCache.folder().appendingPathComponent("hunspell-\(entry.name)-\(size)-\(date).txt")
        if let cached = try? Data(contentsOf: cache) { return cached }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unmunch)
        process.arguments = [dic, aff]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else { return nil }
        CompiledCache.write(data, to: cache)
        return data
    }

    static func executable(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
