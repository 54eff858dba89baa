/// Everything a sweep needs: where results go, which platforms, which suites.
public struct EvalConfiguration: Sendable, Equatable {
    /// Path of the SQLite store.
    public var store: String
    /// The environment variable holding a PostgreSQL store's password (`store_password_env`).
    ///
    /// `PGPASSWORD` when unset. The password itself is never in the configuration.
    public var storePasswordVariable: String?
    /// Name of the platform others are compared against.
    public var reference: String
    /// Glob patterns of suite files.
    public var suites: [String]
    /// The platforms serving the model.
    public var platforms: [PlatformConfiguration]
    /// Routing keys rotated over requests, so sticky routing is exercised and attributable.
    public var routingKeys: [String]
    /// Send fresh routing keys every sweep (each configured key suffixed with the sweep's hour), so
    /// that over the hours the probes reach every route of a sticky router, not the same few.
    public var rotateRoutingKeys = false
    /// The scenario of the embedded fleet (`standard`, `faulty`, or a scenario file), for platforms
    /// whose `base_url` is `embedded`.
    public var fleetScenario = "standard"
    /// Regression detection (`alerts:`).
    public var alertPolicy = AlertPolicy()
    /// Where alerts go (`alerts.sinks`); standard output when none are configured.
    public var alertSinks: [AlertSinkConfiguration] = [.stdout]
    /// When a difference is a regression, for compare and gate (`gate:`).
    public var decisionPolicy = DecisionPolicy()

    /// Creates a configuration.
    public init(
        store: String = "results/evalctl.sqlite", reference: String, suites: [String] = ["Evals/*.yaml"],
        platforms: [PlatformConfiguration], routingKeys: [String] = EvalConfiguration.defaultRoutingKeys
    ) {
        self.store = store
        self.reference = reference
        self.suites = suites
        self.platforms = platforms
        self.routingKeys = routingKeys
    }

    /// 64 routing keys: enough that a sticky fault on a few percent of keys touches some of them.
    public static let defaultRoutingKeys = (0..<64).map { "evalctl-rk-\($0)" }

    /// The routing keys of a sweep that starts at `time` (seconds since 1970).
    public func routingKeys(forSweepAt time: Double) -> [String] {
        guard rotateRoutingKeys else { return routingKeys }
        let hour = String(Int64(time / 3_600), radix: 36)
        return routingKeys.map { "\($0).\(hour)" }
    }

    /// The platform named as reference.
    public var referencePlatform: PlatformConfiguration? {
        platforms.first { $0.name == reference }
    }

    /// A content hash of the settings that change what a sweep measures (not of secrets: keys are never here).
    public var contentHash: String {
        var parts = ["reference=\(reference)", "keys=\(routingKeys.joined(separator: ","))\(rotateRoutingKeys ? " rotated" : "")"]
        for platform in platforms {
            parts.append(
                "\(platform.name)|\(platform.wireProtocol.rawValue)|\(platform.baseURL)|\(platform.model)|\(platform.maxConcurrency)|\(platform.requestTimeout)|\(platform.maxAttempts)"
            )
        }
        return StableHash.hex(of: parts.joined(separator: "\n"))
    }
}
