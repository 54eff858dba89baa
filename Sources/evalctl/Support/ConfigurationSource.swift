import EvalConfig
import EvalCore
import EvalFleet
import Foundation

/// Where a command's configuration comes from: `--config`, `./evalctl.yaml`, or the embedded
/// fleet when neither exists.
struct ConfigurationSource {
    /// The configuration, with `embedded` base URLs still unresolved.
    var configuration: EvalConfiguration
    /// The file it came from, or `nil` for the embedded default.
    var file: String?

    /// Whether any platform is served by the embedded fleet.
    var usesEmbeddedFleet: Bool { configuration.platforms.contains { $0.baseURL == "embedded" } }

    static let defaultPath = "evalctl.yaml"

    /// Loads the configuration.
    ///
    /// - Parameters:
    ///   - path: `--config`, when given; it must exist.
    ///   - store: `--store`, overriding the file's `store`.
    static func load(path: String?, store: String?) throws -> ConfigurationSource {
        var source: ConfigurationSource
        if let path {
            source = ConfigurationSource(configuration: try ConfigurationLoader.load(path: path), file: path)
        } else if FileManager.default.fileExists(atPath: defaultPath) {
            source = ConfigurationSource(configuration: try ConfigurationLoader.load(path: defaultPath), file: defaultPath)
        } else {
            source = ConfigurationSource(configuration: embeddedDefault(), file: nil)
        }
        if let store { source.configuration.store = store }
        ProcessSecrets.register(source.configuration)
        return source
    }

    /// Every platform of the standard fleet scenario, served in process.
    static func embeddedDefault() -> EvalConfiguration {
        let scenario = FleetScenario.standard
        // The faulty scenario serves the same platforms, so --scenario can switch between them.
        return EvalConfiguration(
            reference: scenario.reference,
            platforms: scenario.platforms.map {
                PlatformConfiguration(name: $0.name, baseURL: "embedded", model: scenario.model, maxConcurrency: 8, requestTimeout: 30)
            }
        )
    }

    /// Points `embedded` platforms at a running fleet.
    func resolved(fleet: RunningFleet?) -> EvalConfiguration {
        var configuration = configuration
        for index in configuration.platforms.indices where configuration.platforms[index].baseURL == "embedded" {
            if let fleet { configuration.platforms[index].baseURL = fleet.platformURL(configuration.platforms[index].name) }
        }
        return configuration
    }
}
