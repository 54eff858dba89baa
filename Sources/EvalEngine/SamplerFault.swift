import EvalCore
import Foundation

/// A serving bug reproduced on the real engine.
///
/// A share of a platform's chat requests gets extra llama.cpp sampling parameters from a test
/// proxy (``FaultProxy``). The numerics and the sampler
/// are the engine's own; only the configuration is wrong, as in the postmortem.
public struct SamplerFault: Sendable, Equatable, CustomStringConvertible {
    /// Which misconfiguration.
    public enum Kind: String, Sendable, CaseIterable {
        /// llama.cpp's XTC sampler at `xtc_probability` 0.5, `xtc_threshold` 0.05: at each step,
        /// with probability one half, every token above 5% except the least likely of them leaves
        /// the sampling set — the most likely token dropped, as the approximate top-k bug did. It
        /// runs before the temperature, so greedy requests are hit too.
        case xtc
        /// A logit bias of +13 on single-token Cyrillic letters and Chinese characters: tokens of
        /// another script given high probability, as on the misconfigured hardware platform.
        case foreignBias = "foreign-bias"
    }

    /// Why a `KIND=RATE` text is not a fault.
    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Which misconfiguration.
    public var kind: Kind
    /// The share of chat requests affected, in (0, 1].
    public var rate: Double

    /// The bias added to each foreign token's logit.
    ///
    /// Measured by hand on the F16 model: at +7 to
    /// +11 most answers keep their script; at +12 some switch part-way, but in the first soak
    /// (`make engine-soak`, seeds 5001–5002) none of the affected answers of the short suite did, so
    /// the fault was invisible; at +13 nearly every answer switches within its first tokens.
    public static let foreignBias = 13.0
    /// Characters whose single tokens the foreign bias raises: Cyrillic letters and frequent
    /// Chinese characters (Greek is left out: a Greek letter in an English answer can be maths).
    public static let foreignCharacters = Array("абвгдежзиклмнопрстуфхцчшщыюя的是不了人在有这中大上个到为子和")

    public init(kind: Kind, rate: Double) {
        self.kind = kind
        self.rate = rate
    }

    /// Parses `KIND=RATE`, e.g.
    ///
    /// `xtc=0.1` or `foreign-bias=0.05`.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]) else {
            throw ParseError(description: "'\(text)' is not KIND=RATE with KIND one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let rate = Double(parts[1]), rate > 0, rate <= 1 else {
            throw ParseError(description: "'\(text)': the rate must be a number in (0, 1], got '\(parts[1])'")
        }
        self.init(kind: kind, rate: rate)
    }

    public var description: String { "\(kind.rawValue)=\(rate)" }

    /// The platform name of a fault in front of a reference model (`f16` → `f16-xtc`).
    public func platformName(base: String) -> String { "\(base)-\(kind.rawValue)" }

    /// Whether a request is affected: a stable hash of its body falls below the rate, so a sweep
    /// with the same seeds hits the same requests, and the draw is independent of the order they
    /// arrive in.
    public func affects(body: Data) -> Bool {
        StableHash.uniform(of: String(decoding: body, as: UTF8.self) + "\u{0}" + kind.rawValue) < rate
    }

    /// A chat request's JSON object with the fault's parameters added; nothing else changes.
    ///
    /// - Parameters:
    ///   - request: The request body, decoded.
    ///   - foreignTokens: Token ids of ``foreignCharacters`` in the served model's vocabulary.
    public func inject(into request: [String: Any], foreignTokens: [Int]) -> [String: Any] {
        var request = request
        switch kind {
        case .xtc:
            request["xtc_probability"] = 0.5
            request["xtc_threshold"] = 0.05
        case .foreignBias:
            var bias: [String: Double] = [:]
            for token in foreignTokens { bias[String(token)] = Self.foreignBias }
            request["logit_bias"] = bias
        }
        return request
    }
}
