import EvalCore

/// The OpenAI Chat Completions request body, as sent (only the fields evalctl uses).
struct OpenAIChatRequestBody: Encodable {
    struct Message: Encodable {
        var role: String
        var content: String
    }

    var model: String
    var messages: [Message]
    var temperature: Double
    var top_p: Double
    var top_k: Int?
    var max_tokens: Int
    var seed: UInt64
    var user: String?
    var logprobs: Bool?
    var top_logprobs: Int?
}

/// The OpenAI Chat Completions response body (fields evalctl reads; others are ignored).
struct OpenAIChatResponseBody: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            var content: String?
        }
        struct Logprobs: Decodable {
            var content: [TokenEntry]?
        }
        var message: Message
        var finish_reason: String?
        var logprobs: Logprobs?
    }
    struct TokenEntry: Decodable {
        struct Alternative: Decodable {
            var token: String
            var logprob: Double
        }
        var token: String
        var logprob: Double
        var top_logprobs: [Alternative]?
    }
    struct Usage: Decodable {
        var completion_tokens: Int?
    }

    var model: String?
    var system_fingerprint: String?
    var choices: [Choice]
    var usage: Usage?
}

extension OpenAIChatResponseBody: JSONReply {
    init(json: JSONValue) throws(JSONShapeError) {
        let root = JSONField(json, path: "")
        guard case .object? = root.value else { throw JSONShapeError(path: "the body", expected: "an object") }
        model = try root["model"].optionalString()
        system_fingerprint = try root["system_fingerprint"].optionalString()
        usage = root["usage"].isAbsent ? nil : Usage(completion_tokens: try root["usage"]["completion_tokens"].optionalInt())
        var choices: [Choice] = []
        for choice in try root["choices"].array() {
            var tokens: [TokenEntry]?
            if !choice["logprobs"].isAbsent, let entries = try choice["logprobs"]["content"].optionalArray() {
                var read: [TokenEntry] = []
                read.reserveCapacity(entries.count)
                for entry in entries {
                    var alternatives: [TokenEntry.Alternative]?
                    if let top = try entry["top_logprobs"].optionalArray() {
                        var list: [TokenEntry.Alternative] = []
                        list.reserveCapacity(top.count)
                        for alternative in top {
                            list.append(.init(token: try alternative["token"].string(), logprob: try alternative["logprob"].double()))
                        }
                        alternatives = list
                    }
                    read.append(TokenEntry(token: try entry["token"].string(), logprob: try entry["logprob"].double(), top_logprobs: alternatives))
                }
                tokens = read
            }
            choices.append(Choice(
                message: .init(content: try choice["message"]["content"].optionalString()),
                finish_reason: try choice["finish_reason"].optionalString(),
                logprobs: choice["logprobs"].isAbsent ? nil : .init(content: tokens)
            ))
        }
        self.choices = choices
    }
}
