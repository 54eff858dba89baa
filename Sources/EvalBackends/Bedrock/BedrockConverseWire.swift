/// A Bedrock Converse request body (fields evalctl sends).
struct BedrockConverseRequestBody: Encodable {
    struct Text: Encodable {
        var text: String
    }
    struct Message: Encodable {
        var role: String
        var content: [Text]
    }
    struct InferenceConfig: Encodable {
        var maxTokens: Int
        var temperature: Double
        var topP: Double?
        var stopSequences: [String]?
    }
    var messages: [Message]
    var system: [Text]?
    var inferenceConfig: InferenceConfig
}

/// A Bedrock Converse response body (fields evalctl reads).
struct BedrockConverseResponseBody: Decodable {
    struct Block: Decodable {
        var text: String?
    }
    struct Message: Decodable {
        var content: [Block]
    }
    struct Output: Decodable {
        var message: Message?
    }
    struct Usage: Decodable {
        var outputTokens: Int?
        var inputTokens: Int?
    }
    var output: Output?
    var stopReason: String?
    var usage: Usage?
}
