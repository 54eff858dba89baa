import EvalCore

extension FleetCompletionResponse {
    /// The response as JSON, written directly: echoed prompts of 30k tokens make Foundation's
    /// encoder the fleet's bottleneck.
    var json: String {
        var out = "{\"id\":\(JSONText.quote(id)),\"object\":\(JSONText.quote(object)),\"created\":\(created),\"model\":\(JSONText.quote(model)),"
        out += "\"system_fingerprint\":\(JSONText.quote(system_fingerprint)),\"choices\":["
        for (position, choice) in choices.enumerated() {
            if position > 0 { out += "," }
            out += "{\"text\":\(JSONText.quote(choice.text)),\"index\":\(choice.index),\"finish_reason\":\(JSONText.quote(choice.finish_reason)),\"logprobs\":"
            guard let logprobs = choice.logprobs else {
                out += "null}"
                continue
            }
            out += "{\"tokens\":["
            out += logprobs.tokens.map(JSONText.quote).joined(separator: ",")
            out += "],\"token_logprobs\":["
            out += logprobs.token_logprobs.map { $0.map { "\($0)" } ?? "null" }.joined(separator: ",")
            out += "],\"top_logprobs\":["
            out += logprobs.top_logprobs.map { top in
                guard let top else { return "null" }
                return "{" + top.map { "\(JSONText.quote($0.key)):\($0.value)" }.joined(separator: ",") + "}"
            }.joined(separator: ",")
            out += "],\"text_offset\":["
            out += logprobs.text_offset.map(String.init).joined(separator: ",")
            out += "]}}"
        }
        out += "],\"usage\":{\"prompt_tokens\":\(usage.prompt_tokens),\"completion_tokens\":\(usage.completion_tokens),\"total_tokens\":\(usage.total_tokens)}}"
        return out
    }
}
