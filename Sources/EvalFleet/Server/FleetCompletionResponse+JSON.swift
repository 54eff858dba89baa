import EvalCore

extension FleetCompletionResponse {
    /// The response as JSON, written directly: echoed prompts of 30k tokens make Foundation's
    /// encoder the fleet's bottleneck.
    var json: String {
        var out = "{\"id\":\(JSONText.quote(id)),\"object\":\(JSONText.quote(object)),\"created\":\(created),\"model\":\(JSONText.quote(model)),"
        out += "\"system_fingerprint\":\(JSONText.quote(system_fingerprint)),\"choices\":["
        for (position, choice) in choices.enumerated() {
            if position > 0 { out += "," }
            out +=
                "{\"text\":\(JSONText.quote(choice.text)),\"index\":\(choice.index),\"finish_reason\":\(JSONText.quote(choice.finish_reason)),\"logprobs\":"
            guard let logprobs = choice.logprobs else {
                out += "null}"
                continue
            }
            out.reserveCapacity(out.utf8.count + logprobs.tokens.count * 48)
            out += "{\"tokens\":["
            for (index, token) in logprobs.tokens.enumerated() {
                if index > 0 { out += "," }
                out += JSONText.quote(token)
            }
            out += "],\"token_logprobs\":["
            for (index, logprob) in logprobs.token_logprobs.enumerated() {
                if index > 0 { out += "," }
                if let logprob { out += logprob.description } else { out += "null" }
            }
            out += "],\"top_logprobs\":["
            for (index, top) in logprobs.top_logprobs.enumerated() {
                if index > 0 { out += "," }
                guard let top else {
                    out += "null"
                    continue
                }
                out += "{"
                for (position, entry) in top.enumerated() {
                    if position > 0 { out += "," }
                    out += JSONText.quote(entry.key)
                    out += ":"
                    out += entry.value.description
                }
                out += "}"
            }
            out += "],\"text_offset\":["
            for (index, offset) in logprobs.text_offset.enumerated() {
                if index > 0 { out += "," }
                out += String(offset)
            }
            out += "]}}"
        }
        out +=
            "],\"usage\":{\"prompt_tokens\":\(usage.prompt_tokens),\"completion_tokens\":\(usage.completion_tokens),\"total_tokens\":\(usage.total_tokens)}}"
        return out
    }
}
