/// The Anthropic Messages API request body (fields evalctl sends).
struct AnthropicRequestBody: Encodable {
    struct Metadata: Encodable {
        var user_id: String
    }
    /// Absent on Vertex AI, where the model is in the URL.
    var model: String?
    /// Vertex AI's version field (``AnthropicBackend/vertexVersion``), in the body instead of a header.
    var anthropic_version: String? = nil
    var max_tokens: Int
    var system: String?
    var messages: [ChatMessageBody]
    var temperature: Double
    var top_p: Double?
    var top_k: Int?
    var stop_sequences: [String]?
    var metadata: Metadata?
    var stream: Bool? = nil
}

/// The Anthropic Messages API response body (fields evalctl reads).
struct AnthropicResponseBody: Decodable {
    struct Block: Decodable {
        var type: String
        var text: String?
    }
    struct Usage: Decodable {
        var output_tokens: Int?
        var input_tokens: Int?
    }
    var model: String?
    var content: [Block]
    var stop_reason: String?
    var usage: Usage?
}
