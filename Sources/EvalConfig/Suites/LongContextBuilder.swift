import EvalCore
import Foundation

/// Builds long prompts deterministically from a suite's filler text: the filler's paragraphs,
/// repeated in an order that depends on the case, up to a token budget, with an optional
/// needle sentence placed at a relative depth.
///
/// Tokens are estimated at four characters each, the usual rule of thumb for English text
/// under BPE tokenizers; buckets are approximate by design.
struct LongContextBuilder {
    let paragraphs: [String]

    init(filler: String) {
        paragraphs =
            filler
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    func context(tokens: Int, needle: String?, depth: Double, salt: String) -> String {
        let budget = tokens * 4
        var generator = SplitMix64(seed: StableHash.value(of: salt))
        var order = Array(paragraphs.indices)
        var pieces: [String] = []
        var length = 0
        var round = 0
        while length < budget, !paragraphs.isEmpty {
            if round % order.count == 0 { order.shuffle(using: &generator) }
            let paragraph = paragraphs[order[round % order.count]]
            pieces.append(paragraph)
            length += paragraph.count + 2
            round += 1
        }
        if let needle, !needle.isEmpty {
            let position = Int((Double(pieces.count) * depth).rounded())
            pieces.insert(needle, at: min(max(0, position), pieces.count))
        }
        return pieces.joined(separator: "\n\n")
    }
}
