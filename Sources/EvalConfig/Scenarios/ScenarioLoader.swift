import EvalCore
import EvalFleet
import Foundation

/// Reads fleet scenario files: the simulated platforms, their numerics, faults and chaos.
///
/// ```yaml
/// model: evalctl-fleet-1
/// reference: reference
/// platforms:
///   - {name: reference, numerics: exact, replicas: 2}
///   - name: tpu-v5e
///     numerics: noise:0.01          # exact | bf16 | noise:SIGMA
///     faults:
///       - {kind: token-corruption, rate: 0.05, start: 0, ramp: 0, end: 86400}   # seconds on the fleet's clock
///     chaos: {http-5xx: 0.05, http-429: 0.05, slow: 0.05, slow_seconds: 30, malformed: 0.05, cut: 0.05}
/// ```
///
/// The names `standard` and `faulty` (each bug at 5% on its own platform) are built in.
public enum ScenarioLoader {
    static let rootKeys = ["model", "reference", "platforms"]
    static let platformKeys = ["name", "numerics", "replicas", "faults", "chaos"]
    static let faultKeys = ["kind", "rate", "start", "ramp", "end"]
    static let chaosKeys = ["http-5xx", "http-429", "slow", "slow_seconds", "malformed", "cut"]

    /// Loads a scenario by built-in name or file path.
    public static func load(_ nameOrPath: String) throws(ConfigError) -> FleetScenario {
        switch nameOrPath {
        case "standard": return .standard
        case "faulty": return .faulty(rate: 0.05)
        default: break
        }
        let text = try ConfigText.read(path: nameOrPath)
        return try parse(yaml: text, file: nameOrPath)
    }

    /// Parses a scenario from YAML text.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> FleetScenario {
        let root = try YAMLMapping.root(yaml: yaml, file: file, allowed: rootKeys)
        let model = try root.string("model") ?? FleetScenario.standard.model
        guard let nodes = try root.sequence("platforms"), !nodes.isEmpty else { throw .missingField("platforms", file: file, line: root.line) }
        var platforms: [FleetPlatform] = []
        for (index, node) in nodes.enumerated() {
            let mapping = try YAMLMapping(node, file: file, path: "platforms[\(index)]", allowed: platformKeys)
            let name = try mapping.requiredString("name", maximumBytes: YAMLMapping.maximumNameLength)
            guard SuiteLoader.isIdentifier(name) else { throw mapping.badValue("name", expected: "a name of letters, digits, '-', '_' or '.'") }
            guard !platforms.contains(where: { $0.name == name }) else {
                throw .duplicate(mapping.keyPath("name"), value: name, file: file, line: mapping.line)
            }
            let numerics = try parseNumerics(mapping)
            var platform = FleetPlatform(name: name, numerics: numerics, replicas: try mapping.int("replicas", in: 1...1024) ?? 4)
            for (faultIndex, faultNode) in (try mapping.sequence("faults") ?? []).enumerated() {
                let fault = try YAMLMapping(faultNode, file: file, path: mapping.keyPath("faults[\(faultIndex)]"), allowed: faultKeys)
                let kindName = try fault.requiredString("kind")
                guard let kind = Fault.Kind(rawValue: kindName) else {
                    throw fault.badValue("kind", expected: "one of \(Fault.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let rate = try fault.double("rate", in: 0...1) else { throw .missingField(fault.keyPath("rate"), file: file, line: fault.line) }
                let start = try fault.double("start", in: 0...1e12) ?? 0
                let end = try fault.double("end", in: 0...1e12)
                if let end, end <= start { throw fault.badValue("end", expected: "a time after 'start' (\(start))") }
                platform.faults.append(Fault(kind: kind, rate: rate, start: start, ramp: try fault.double("ramp", in: 0...1e12) ?? 0, end: end))
            }
            if let chaos = try mapping.mapping("chaos", allowed: chaosKeys) {
                var settings = ChaosSettings()
                settings.serverError = try chaos.double("http-5xx", in: 0...1) ?? 0
                settings.rateLimited = try chaos.double("http-429", in: 0...1) ?? 0
                settings.slow = try chaos.double("slow", in: 0...1) ?? 0
                settings.slowSeconds = try chaos.double("slow_seconds", in: 0...3600) ?? settings.slowSeconds
                settings.malformed = try chaos.double("malformed", in: 0...1) ?? 0
                settings.cut = try chaos.double("cut", in: 0...1) ?? 0
                guard settings.total <= 1 else { throw mapping.badValue("chaos", expected: "rates that add up to at most 1") }
                platform.chaos = settings
            }
            platforms.append(platform)
        }
        let reference = try root.string("reference") ?? platforms[0].name
        guard platforms.contains(where: { $0.name == reference }) else {
            throw .unknownReference(reference, file: file, line: root.mapping["reference"]?.line ?? root.line)
        }
        return FleetScenario(model: model, platforms: platforms, reference: reference)
    }

    private static func parseNumerics(_ mapping: YAMLMapping) throws(ConfigError) -> Numerics {
        let text = try mapping.string("numerics") ?? "exact"
        switch text {
        case "exact": return .exact
        case "bf16", "bfloat16": return .bfloat16
        default:
            if text.hasPrefix("noise:"), let sigma = Double(text.dropFirst(6)), sigma >= 0, sigma <= 10 { return .noise(sigma) }
            throw mapping.badValue("numerics", expected: "exact, bf16 or noise:SIGMA")
        }
    }
}
