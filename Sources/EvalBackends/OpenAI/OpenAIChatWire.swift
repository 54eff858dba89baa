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
