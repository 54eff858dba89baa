import EvalCore

/// The chat-style log-probability list, `logprobs.content[]`: one entry per generated token with its
/// `token`, `logprob` and `top_logprobs` (`[{token, logprob}]`).
///
/// OpenAI's Chat Completions API reports token log-probabilities this way, and llama.cpp's server
/// uses the same layout on its legacy `/v1/completions` route too (instead of the legacy
/// `tokens` / `token_logprobs` / `top_logprobs` / `text_offset` arrays), so both backends read it here.
enum LogprobsContent {
    /// Reads the entries of a `content` array.
    ///
    /// - Parameter entries: The array's elements.
    /// - Returns: One token per entry, alternatives in the order reported.
    /// - Throws: ``JSONShapeError`` naming the first field of the wrong type.
    static func read(_ entries: [JSONField]) throws(JSONShapeError) -> [TokenLogprob] {
        var tokens: [TokenLogprob] = []
        tokens.reserveCapacity(entries.count)
        for entry in entries {
            var alternatives: [TokenLogprob.Alternative] = []
            if let top = try entry["top_logprobs"].optionalArray() {
                alternatives.reserveCapacity(top.count)
                for alternative in top {
                    alternatives.append(.init(token: try alternative["token"].string(), logprob: try alternative["logprob"].logprob()))
                }
            }
            tokens.append(TokenLogprob(token: try entry["token"].string(), logprob: try entry["logprob"].logprob(), top: alternatives))
        }
        return tokens
    }
}
