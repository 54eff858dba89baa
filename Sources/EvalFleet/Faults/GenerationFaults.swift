/// How faults change one generation: decided per request by the server, applied by the model.
public struct GenerationFaults: Sendable, Equatable {
    /// Per-position probability of a corrupted distribution (0: no corruption).
    public var corruptionRate: Double = 0
    /// Per-position probability that the sampling set loses its top token (0: exact top-k).
    public var dropTopRate: Double = 0
    /// Served by the long-context pool: the model follows the document less closely.
    public var longContextPool = false

    /// No fault.
    public init() {}

    /// Whether any fault applies.
    public var isEmpty: Bool { corruptionRate == 0 && dropTopRate == 0 && !longContextPool }
}
