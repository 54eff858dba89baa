/// The per-sample drift rules, each stored as its own score so that platforms are tested per rule.
public enum DriftMetric: String, Sendable, CaseIterable, Codable {
    /// A sampled token outside the platform's own reported sampling set (broken top-k or top-p).
    case selfConsistency = "drift-self"
    /// A sampled token outside the reference's sampling set, or below the reference's floor.
    case nucleus = "drift-nucleus"
    /// The platform's log-probabilities of its own tokens disagree with the reference's.
    case logprob = "drift-logprob"
    /// A greedy answer leaves the reference's at a clear margin, or against vLLM's top-5 rule.
    case greedy = "drift-greedy"
    /// The platform's reported next-token distributions differ from the reference's where both
    /// answered the same request from the same context (no teacher forcing needed).
    case aligned = "drift-aligned"
    /// Platforms without log-probabilities: per case, outputs differ from the reference's (MMD).
    case distribution = "drift-mmd"

    /// Whether the metric needs the reference's teacher-forced distribution.
    public var needsReference: Bool { self != .selfConsistency && self != .distribution }

    /// How a metric's scores are obtained: from the platform's own report, from the reference's
    /// answer to the same request, by teacher forcing through the reference, or from outputs alone.
    public var method: String {
        switch self {
        case .selfConsistency: "self-report"
        case .aligned: "aligned"
        case .nucleus, .logprob, .greedy: "teacher-forced"
        case .distribution: "two-sample"
        }
    }
}
