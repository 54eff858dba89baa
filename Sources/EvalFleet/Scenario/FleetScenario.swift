/// The platforms a fleet serves and the model name it reports.
public struct FleetScenario: Sendable, Equatable {
    /// The model name every platform reports.
    public var model: String
    /// The platforms, the reference first.
    public var platforms: [FleetPlatform]
    /// The name of the exact platform others are compared against.
    public var reference: String

    /// Creates a scenario.
    public init(model: String, platforms: [FleetPlatform], reference: String) {
        self.model = model
        self.platforms = platforms
        self.reference = reference
    }

    /// A reference and three healthy platforms whose numerics differ benignly.
    public static let standard = FleetScenario(
        model: "evalctl-fleet-1",
        platforms: [
            FleetPlatform(name: "reference", numerics: .exact, replicas: 2),
            FleetPlatform(name: "gpu-h100", numerics: .bfloat16),
            FleetPlatform(name: "tpu-v5e", numerics: .noise(0.01)),
            FleetPlatform(name: "trainium", numerics: .bfloat16),
        ],
        reference: "reference"
    )

    /// The standard fleet with each postmortem bug on its own platform at a rate, from the start:
    /// context misrouting on `gpu-h100`, token corruption on `tpu-v5e`, approximate top-k on `trainium`.
    public static func faulty(rate: Double) -> FleetScenario {
        var scenario = standard
        scenario.platforms[1].faults = [Fault(kind: .contextMisroute, rate: rate)]
        scenario.platforms[2].faults = [Fault(kind: .tokenCorruption, rate: rate)]
        scenario.platforms[3].faults = [Fault(kind: .approxTopK, rate: rate)]
        return scenario
    }

    /// The platform with a name.
    public func platform(named name: String) -> FleetPlatform? {
        platforms.first { $0.name == name }
    }
}
