/// The legacy Completions request body (`/v1/completions`).
struct OpenAICompletionsRequestBody: Encodable {
    var model: String
    var prompt: String
    var max_tokens: Int
    var temperature: Double
    var top_p: Double
    var top_k: Int?
    var seed: UInt64?
    var user: String?
    var logprobs: Int?
    var echo: Bool?
}

/// The legacy Completions response body (fields evalctl reads).
struct OpenAICompletionsResponseBody: Decodable {
    struct Choice: Decodable {
        struct Logprobs: Decodable {
            var tokens: [String]?
            var token_logprobs: [Double?]?
            var top_logprobs: [[String: Double]?]?
            var text_offset: [Int]?
        }
        var text: String
        var logprobs: Logprobs?
        var finish_reason: String?
    }
    struct Usage: Decodable {
        var completion_tokens: Int?
    }
    var model: String?
    var system_fingerprint: String?
    var choices: [Choice]
    var usage: Usage?
}
