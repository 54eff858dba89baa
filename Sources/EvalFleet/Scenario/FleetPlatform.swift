import EvalCore

/// One platform of the simulated fleet.
public struct FleetPlatform: Sendable, Equatable {
    /// The platform's name: the first path segment of its routes.
    public var name: String
    /// How its arithmetic perturbs the model.
    public var numerics: Numerics
    /// Replicas behind its sticky router; `x-served-by` names the one that answered.
    public var replicas: Int
    /// Serving faults it reproduces.
    public var faults: [Fault]
    /// Infrastructure failures it injects.
    public var chaos: ChaosSettings

    /// Creates a platform.
    public init(name: String, numerics: Numerics, replicas: Int = 4, faults: [Fault] = [], chaos: ChaosSettings = ChaosSettings()) {
        self.name = name
        self.numerics = numerics
        self.replicas = replicas
        self.faults = faults
        self.chaos = chaos
    }

    /// The faults that affect one request at a time on the fleet's clock, and the pool that serves it.
    ///
    /// - Parameters:
    ///   - request: The request's identity (its seed and prompt), for per-request faults.
    ///   - routingKey: The sticky routing key, for misrouting.
    ///   - time: Seconds on the fleet's clock.
    public func faults(request: String, routingKey: String?, at time: Double) -> (GenerationFaults, servedBy: String) {
        var generation = GenerationFaults()
        var pool = "pool-a"
        for fault in faults {
            switch fault.kind {
            case .tokenCorruption where fault.affects(request, platform: name, at: time):
                generation.corruptionRate = 0.04
            case .approxTopK where fault.affects(request, platform: name, at: time):
                generation.dropTopRate = 0.3
            case .contextMisroute where fault.affects(routingKey ?? request, platform: name, at: time):
                generation.longContextPool = true
                pool = "pool-long-1m"
            default:
                break
            }
        }
        let index = routingKey.map { Int(StableHash.uniform(of: $0) * Double(max(replicas, 1))) } ?? 0
        return (generation, "\(name)/\(pool)/replica-\(index)")
    }

    /// The identity per-request faults are drawn from for a chat request: its seed and prompt.
    public static func requestIdentity(seed: UInt64, prompt: Prompt) -> String {
        "\(seed)|\(prompt.contentHash)"
    }
}
