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
    static let rootKeys = [
        "store", "store_password_env", "reference", "suites", "platforms", "routing_keys", "rotate_routing_keys", "fleet", "alerts", "gate",
    ]
    static let alertKeys = [
        "false_alarms_per_week", "sweeps_per_week", "rate_ratio", "minimum_increase", "baseline_runs", "history_gap",
        "minimum_history", "resolve_evidence", "sinks",
    ]
    static let gateKeys = ["alpha", "min_effect", "max_infra_error_rate", "max_undetectable_effect"]
    static let platformKeys = [
        "name", "protocol", "base_url", "model", "api_key_env", "max_concurrency", "timeout", "max_attempts",
        "served_by_headers", "platform_deadline", "circuit_threshold", "circuit_cooldown", "top_logprobs",
        "teacher_forcing", "access_token_command", "stream",
    ]

    /// Loads a configuration file.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: The configuration, paths resolved.
    /// - Throws: ``ConfigError`` naming the file, line and key at fault.
    public static func load(path: String) throws(ConfigError) -> EvalConfiguration {
        let text = try ConfigText.read(path: path)
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
        configuration.storePasswordVariable = try root.string("store_password_env")
        if let fleet = try root.string("fleet") {
            if fleet == "standard" || fleet == "faulty" {
                configuration.fleetScenario = fleet
            } else {
                // Read now, so a sweep finds a bad scenario before it touches the store.
                let path = resolve(fleet, against: baseDirectory)
                guard FileManager.default.fileExists(atPath: path) else {
                    throw root.badValue("fleet", expected: "'standard', 'faulty' or the path of a scenario file (\(path) does not exist)")
                }
                _ = try ScenarioLoader.load(path)
                configuration.fleetScenario = path
            }
        }
        if let keys = try root.strings("routing_keys") {
            guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty }) else {
                throw root.badValue("routing_keys", expected: "a list of non-empty strings")
            }
            configuration.routingKeys = keys
        }
        configuration.rotateRoutingKeys = try root.bool("rotate_routing_keys") ?? false
        if let alerts = try root.mapping("alerts", allowed: alertKeys) {
            try parseAlerts(alerts, into: &configuration, baseDirectory: baseDirectory)
        }
        if let gate = try root.mapping("gate", allowed: gateKeys) {
            var policy = configuration.decisionPolicy
            policy.alpha = try gate.double("alpha", in: 1e-12...0.5) ?? policy.alpha
            policy.minimumEffect = try gate.double("min_effect", in: 0...1) ?? policy.minimumEffect
            policy.maximumInfraErrorRate = try gate.double("max_infra_error_rate", in: 0...1) ?? policy.maximumInfraErrorRate
            policy.maximumUndetectableEffect = try gate.double("max_undetectable_effect", in: 0.001...1) ?? policy.maximumUndetectableEffect
            configuration.decisionPolicy = policy
        }
        return configuration
    }

    private static func parseAlerts(_ alerts: YAMLMapping, into configuration: inout EvalConfiguration, baseDirectory: String) throws(ConfigError) {
        var policy = configuration.alertPolicy
        policy.falseAlarmsPerWeek = try alerts.double("false_alarms_per_week", in: 1e-6...1e6) ?? policy.falseAlarmsPerWeek
        policy.sweepsPerWeek = try alerts.double("sweeps_per_week", in: 1e-3...1e6) ?? policy.sweepsPerWeek
        policy.rateRatio = try alerts.double("rate_ratio", in: 1.01...1e6) ?? policy.rateRatio
        policy.minimumIncrease = try alerts.double("minimum_increase", in: 1e-9...1) ?? policy.minimumIncrease
        policy.baselineRuns = try alerts.int("baseline_runs", in: 1...1_000_000) ?? policy.baselineRuns
        policy.historyGap = try alerts.int("history_gap", in: 0...1_000_000) ?? policy.historyGap
        policy.minimumHistory = try alerts.int("minimum_history", in: 1...1_000_000_000) ?? policy.minimumHistory
        policy.resolveEvidence = try alerts.double("resolve_evidence", in: 0.01...1_000) ?? policy.resolveEvidence
        configuration.alertPolicy = policy
        guard let sinks = try alerts.sequence("sinks") else { return }
        var parsed: [AlertSinkConfiguration] = []
        for (index, node) in sinks.enumerated() {
            let sink = try YAMLMapping(node, file: alerts.file, path: alerts.keyPath("sinks[\(index)]"), allowed: ["type", "path", "url_env"])
            switch try sink.requiredString("type") {
            case "stdout":
                parsed.append(.stdout)
            case "jsonl":
                parsed.append(.jsonLines(path: resolve(try sink.requiredString("path"), against: baseDirectory)))
            case "openmetrics":
                parsed.append(.openMetrics(path: resolve(try sink.requiredString("path"), against: baseDirectory)))
            case "webhook":
                let name = try sink.requiredString("url_env")
                guard isEnvironmentName(name) else {
                    throw .badValue(
                        sink.keyPath("url_env"), value: "<redacted>", expected: "the name of an environment variable holding the URL, not the URL",
                        file: sink.file, line: sink.mapping["url_env"]?.line ?? sink.line
                    )
                }
                parsed.append(.webhook(urlEnvironmentVariable: name))
            default:
                throw sink.badValue("type", expected: "one of stdout, jsonl, webhook, openmetrics")
            }
        }
        configuration.alertSinks = parsed
    }

    private static func parsePlatform(_ mapping: YAMLMapping) throws(ConfigError) -> PlatformConfiguration {
        let name = try mapping.requiredString("name", maximumBytes: YAMLMapping.maximumNameLength)
        guard SuiteLoader.isIdentifier(name) else {
            throw mapping.badValue("name", expected: "a name of letters, digits, '-', '_' or '.'")
        }
        let protocolName = try mapping.string("protocol") ?? PlatformConfiguration.WireProtocol.openAIChat.rawValue
        guard let wireProtocol = PlatformConfiguration.WireProtocol(rawValue: protocolName) else {
            throw mapping.badValue(
                "protocol", expected: "one of \(PlatformConfiguration.WireProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
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
        var platform = PlatformConfiguration(
            name: name, wireProtocol: wireProtocol, baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv ?? wireProtocol.defaultKeyVariable)
        if let command = try mapping.string("access_token_command") {
            guard wireProtocol == .vertexAnthropic else {
                throw mapping.badValue("access_token_command", expected: "no command: only vertex-anthropic platforms take an access token command")
            }
            guard apiKeyEnv == nil else {
                throw mapping.badValue("access_token_command", expected: "either api_key_env or access_token_command, not both")
            }
            platform.accessTokenCommand = command
        }
        platform.maxConcurrency = try mapping.int("max_concurrency", in: 1...4096) ?? platform.maxConcurrency
        platform.requestTimeout = try mapping.double("timeout", in: 0.001...86_400) ?? platform.requestTimeout
        platform.maxAttempts = try mapping.int("max_attempts", in: 1...20) ?? platform.maxAttempts
        platform.platformDeadline = try mapping.double("platform_deadline", in: 0.001...604_800)
        platform.circuitThreshold = try mapping.int("circuit_threshold", in: 1...100_000) ?? platform.circuitThreshold
        platform.circuitCooldown = try mapping.double("circuit_cooldown", in: 0...86_400) ?? platform.circuitCooldown
        if let topLogprobs = try mapping.int("top_logprobs", in: 0...20) {
            guard topLogprobs == 0 || wireProtocol.reportsLogprobs else {
                throw mapping.badValue("top_logprobs", expected: "0: protocol \(wireProtocol.rawValue) reports no log-probabilities")
            }
            platform.topLogprobs = topLogprobs
        }
        if let setting = try mapping.string("teacher_forcing") {
            guard let value = PlatformConfiguration.TeacherForcingSetting(rawValue: setting) else {
                throw mapping.badValue(
                    "teacher_forcing",
                    expected: "one of \(PlatformConfiguration.TeacherForcingSetting.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            platform.teacherForcing = value
        }
        platform.stream = try mapping.bool("stream") ?? false
        if let headers = try mapping.strings("served_by_headers") {
            platform.servedByHeaders = headers.map { $0.lowercased() }
        }
        return platform
    }

    static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base == "." || path.contains("://") { return path }
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
