import EvalCore
import Foundation

/// Reads `evalctl.yaml`.
///
/// ```yaml
/// store: results/evalctl.sqlite
/// reference: reference
/// suites: [Evals/*.yaml]
/// platforms:
///   - name: gpu-h100
///     protocol: openai-chat
///     base_url: http://127.0.0.1:8080/gpu-h100/v1
///     model: some-model
///     api_key_env: OPENAI_API_KEY
///     max_concurrency: 16
/// ```
///
/// Relative paths (`store`, `suites`) are resolved against the configuration file's folder.
/// A `base_url` of `embedded` points a platform at the fleet evalctl serves itself.
public enum ConfigurationLoader {
    static let rootKeys = ["store", "reference", "suites", "platforms", "routing_keys", "fleet"]
    static let platformKeys = [
        "name", "protocol", "base_url", "model", "api_key_env", "max_concurrency", "timeout", "max_attempts",
        "served_by_headers", "platform_deadline", "circuit_threshold", "circuit_cooldown", "top_logprobs",
    ]

    /// Loads a configuration file.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: The configuration, paths resolved.
    /// - Throws: ``ConfigError`` naming the file, line and key at fault.
    public static func load(path: String) throws(ConfigError) -> EvalConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(yaml: text, file: path, baseDirectory: folder.isEmpty ? "." : folder)
    }

    /// Parses a configuration from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: The document.
    ///   - file: The name used in error messages.
    ///   - baseDirectory: The folder relative paths are resolved against.
    public static func parse(yaml: String, file: String, baseDirectory: String) throws(ConfigError) -> EvalConfiguration {
        let root = try YAMLMapping.root(yaml: yaml, file: file, allowed: rootKeys)
        let store = resolve(try root.string("store") ?? "results/evalctl.sqlite", against: baseDirectory)
        let suites = (try root.strings("suites") ?? ["Evals/*.yaml"]).map { resolve($0, against: baseDirectory) }
        guard let platformNodes = try root.sequence("platforms"), !platformNodes.isEmpty else {
            throw .missingField("platforms", file: file, line: root.line)
        }
        var platforms: [PlatformConfiguration] = []
        var names: Set<String> = []
        for (index, node) in platformNodes.enumerated() {
            let mapping = try YAMLMapping(node, file: file, path: "platforms[\(index)]", allowed: platformKeys)
            let platform = try parsePlatform(mapping)
            guard names.insert(platform.name).inserted else {
                throw .duplicate(mapping.keyPath("name"), value: platform.name, file: file, line: mapping.line)
            }
            platforms.append(platform)
        }
        let reference = try root.requiredString("reference")
        guard names.contains(reference) else {
            throw .unknownReference(reference, file: file, line: root.mapping["reference"]?.line ?? root.line)
        }
        var configuration = EvalConfiguration(store: store, reference: reference, suites: suites, platforms: platforms)
        if let fleet = try root.string("fleet") {
            configuration.fleetScenario = fleet == "standard" || fleet == "faulty" ? fleet : resolve(fleet, against: baseDirectory)
        }
        if let keys = try root.strings("routing_keys") {
            guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty }) else { throw root.badValue("routing_keys", expected: "a list of non-empty strings") }
            configuration.routingKeys = keys
        }
        return configuration
    }

    private static func parsePlatform(_ mapping: YAMLMapping) throws(ConfigError) -> PlatformConfiguration {
        let name = try mapping.requiredString("name")
        guard SuiteLoader.isIdentifier(name) else {
            throw mapping.badValue("name", expected: "a name of letters, digits, '-', '_' or '.'")
        }
        let protocolName = try mapping.string("protocol") ?? PlatformConfiguration.WireProtocol.openAIChat.rawValue
        guard let wireProtocol = PlatformConfiguration.WireProtocol(rawValue: protocolName) else {
            throw mapping.badValue("protocol", expected: "one of \(PlatformConfiguration.WireProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let baseURL = try mapping.requiredString("base_url")
        guard baseURL == "embedded" || isHTTPURL(baseURL) else {
            throw mapping.badValue("base_url", expected: "an http:// or https:// URL, or 'embedded'")
        }
        let model = try mapping.requiredString("model")
        let apiKeyEnv = try mapping.string("api_key_env")
        if let apiKeyEnv, !isEnvironmentName(apiKeyEnv) {
            // The value must name a variable; a key pasted here would end up in version control.
            throw .badValue(
                mapping.keyPath("api_key_env"), value: "<redacted>",
                expected: "the name of an environment variable (letters, digits, '_'), not the key itself",
                file: mapping.file, line: mapping.mapping["api_key_env"]?.line ?? mapping.line
            )
        }
        var platform = PlatformConfiguration(name: name, wireProtocol: wireProtocol, baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv)
        platform.maxConcurrency = try mapping.int("max_concurrency", in: 1...4096) ?? platform.maxConcurrency
        platform.requestTimeout = try mapping.double("timeout", in: 0.001...86_400) ?? platform.requestTimeout
        platform.maxAttempts = try mapping.int("max_attempts", in: 1...20) ?? platform.maxAttempts
        platform.platformDeadline = try mapping.double("platform_deadline", in: 0.001...604_800)
        platform.circuitThreshold = try mapping.int("circuit_threshold", in: 1...100_000) ?? platform.circuitThreshold
        platform.circuitCooldown = try mapping.double("circuit_cooldown", in: 0...86_400) ?? platform.circuitCooldown
        if let topLogprobs = try mapping.int("top_logprobs", in: 0...20) {
            guard topLogprobs == 0 || wireProtocol != .anthropic else {
                throw mapping.badValue("top_logprobs", expected: "0: the Anthropic Messages API reports no log-probabilities")
            }
            platform.topLogprobs = topLogprobs
        }
        if let headers = try mapping.strings("served_by_headers") {
            platform.servedByHeaders = headers.map { $0.lowercased() }
        }
        return platform
    }

    static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base == "." { return path }
        return (base as NSString).appendingPathComponent(path)
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return url.host?.isEmpty == false
    }

    static func isEnvironmentName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}
