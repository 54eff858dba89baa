import Logging

/// `stream-consistency`: a streamed answer is the answer the platform gives whole.
///
/// At temperature 0 a server must stream exactly the text it returns in one response; a stream
/// that drops, repeats or reorders chunks, or a streaming path with other numerics, another
/// template or another stop handling, breaks that (a real class of serving bug, and the path most
/// production traffic takes). For the first sample of each temperature-0 case on a platform that
/// streams, the same request (same seed, routing key and parameters) is sent once more without
/// streaming, and the texts compared: passed when they are equal. A repeat that fails is no
/// score: an infrastructure matter, not the stream's.
public struct StreamConsistencyScorer: RequestScorer {
    /// The name stored with each score.
    public static let name = "stream-consistency"

    /// A streamed platform and a backend that reaches it without streaming.
    public struct WholeAnswers: Sendable {
        public var configuration: PlatformConfiguration
        public var backend: any ModelBackend

        public init(configuration: PlatformConfiguration, backend: any ModelBackend) {
            self.configuration = configuration
            self.backend = backend
        }
    }

    /// Platform name → how to ask it for whole answers.
    let platforms: [String: WholeAnswers]
    let logger: Logger

    /// Creates the scorer for the platforms that stream.
    public init(platforms: [WholeAnswers], logger: Logger) {
        self.platforms = Dictionary(platforms.map { ($0.configuration.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.logger = logger
    }

    /// Whether a request is checked: the first sample of a temperature-0 case on a streamed platform.
    public func checks(_ item: WorkItem) -> Bool {
        item.sampling.temperature == 0 && item.sampleIndex == 0 && platforms[item.platform] != nil
    }

    public func scores(_ completion: Completion, for item: WorkItem) async -> [Score] {
        guard checks(item), let target = platforms[item.platform] else { return [] }
        guard let whole = try? await target.backend.complete(CompletionRequest(item, on: target.configuration), logger: logger) else { return [] }
        return [Self.compare(streamed: completion.text, whole: whole.text)]
    }

    /// The score of a streamed text against the whole one: where they first differ, in characters.
    public static func compare(streamed: String, whole: String) -> Score {
        let same = streamed == whole
        var difference: Int?
        if !same {
            difference = zip(streamed, whole).prefix { $0 == $1 }.count
        }
        let details =
            "{\"streamed_chars\":\(streamed.count),\"whole_chars\":\(whole.count),\"first_difference\":\(difference.map(String.init) ?? "null")}"
        return Score(scorer: name, value: same ? 0 : 1, passed: same, details: details)
    }
}
