import EvalCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds and loads the suites a configuration names.
public enum SuiteCatalog {
    /// Expands glob patterns into files, sorted, each pattern required to match.
    ///
    /// - Parameter patterns: Glob patterns such as `Evals/*.yaml`.
    /// - Returns: Matching paths, without duplicates, in pattern then name order.
    public static func files(matching patterns: [String], configFile: String) throws(ConfigError) -> [String] {
        var result: [String] = []
        for pattern in patterns {
            let matches = glob(pattern)
            guard !matches.isEmpty else { throw .noMatch(pattern: pattern, file: configFile, line: 0) }
            for match in matches where !result.contains(match) { result.append(match) }
        }
        return result
    }

    /// Loads every suite the patterns match, refusing two suites with the same id.
    public static func load(patterns: [String], configFile: String) throws(ConfigError) -> [Suite] {
        var suites: [Suite] = []
        var origin: [String: String] = [:]
        for file in try files(matching: patterns, configFile: configFile) {
            let suite = try SuiteLoader.load(path: file)
            if let other = origin[suite.id] {
                throw .duplicate("id", value: "\(suite.id) (also in \(other))", file: file, line: 0)
            }
            origin[suite.id] = file
            suites.append(suite)
        }
        return suites
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}
