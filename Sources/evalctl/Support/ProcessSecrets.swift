import EvalCore
import Foundation
import Synchronization

/// The secret values this process was configured with (API keys, webhook URLs), read from the
/// environment variables the configuration names, so every message the process prints can be
/// redacted, whichever command printed it.
enum ProcessSecrets {
    private static let current = Mutex(SecretRedactor.none)

    /// The redactor of the configuration loaded last.
    static var redactor: SecretRedactor { current.withLock { $0 } }

    /// Registers a configuration's secrets.
    static func register(_ configuration: EvalConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let redactor = redactor(for: configuration, environment: environment)
        current.withLock { $0 = redactor }
    }

    /// Adds secrets learnt while running (what an access token command printed).
    static func add(_ secrets: [String]) {
        current.withLock { $0 = $0.adding(secrets) }
    }

    /// The values of the variables a configuration names for keys and webhook URLs.
    static func redactor(for configuration: EvalConfiguration, environment: [String: String]) -> SecretRedactor {
        var names = configuration.platforms.compactMap(\.apiKeyEnv)
        // Bedrock signs with AWS's own variables when it has no API key.
        if configuration.platforms.contains(where: { $0.wireProtocol == .bedrockConverse }) {
            names += ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]
        }
        for sink in configuration.alertSinks {
            if case .webhook(let name) = sink { names.append(name) }
        }
        return SecretRedactor(secrets: names.compactMap { environment[$0] })
    }
}
