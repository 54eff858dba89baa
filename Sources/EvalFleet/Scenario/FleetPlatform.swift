import EvalCore

/// One platform of the simulated fleet.
public struct FleetPlatform: Sendable, Equatable {
    /// The platform's name: the first path segment of its routes.
    public var name: String
    /// How its arithmetic perturbs the model.
    public var numerics: Numerics
    /// Replicas behind its sticky router; `x-served-by` names the one that answered.
    public var replicas: Int

    /// Creates a platform.
    public init(name: String, numerics: Numerics, replicas: Int = 4) {
        self.name = name
        self.numerics = numerics
        self.replicas = replicas
    }

    /// The replica a routing key sticks to.
    public func replica(forRoutingKey key: String?) -> String {
        let index = key.map { Int(StableHash.value(of: $0) % UInt64(max(replicas, 1))) } ?? 0
        return "\(name)/pool-a/replica-\(index)"
    }
}
