/// The Chat Completions request as the fleet reads it (OpenAI's format, vLLM's `top_k` extension).
struct FleetChatRequest: Decodable {
    struct Message: Decodable {
        var role: String
        var content: String
    }
    var model: String
    var messages: [Message]
    var temperature: Double?
    var top_p: Double?
    var top_k: Int?
    var max_tokens: Int?
    var max_completion_tokens: Int?
    var seed: UInt64?
    var user: String?
    var logprobs: Bool?
    var top_logprobs: Int?
    var n: Int?
    var stream: Bool?
}

/// The Chat Completions response the fleet sends.
struct FleetChatResponse: Encodable {
    struct Choice: Encodable {
        struct Message: Encodable {
            var role = "assistant"
            var content: String
        }
        var index = 0
        var message: Message
        var logprobs: Logprobs?
        var finish_reason: String
    }
    struct Logprobs: Encodable {
        var content: [TokenEntry]
    }
    struct TokenEntry: Encodable {
        struct Alternative: Encodable {
            var token: String
            var logprob: Double
            var bytes: [UInt8]
        }
        var token: String
        var logprob: Double
        var bytes: [UInt8]
        var top_logprobs: [Alternative]
    }
    struct Usage: Encodable {
        var prompt_tokens: Int
        var completion_tokens: Int
        var total_tokens: Int
    }
    var id: String
    var object = "chat.completion"
    var created: Int
    var model: String
    var system_fingerprint: String
    var choices: [Choice]
    var usage: Usage
}

/// An OpenAI-style error body.
struct FleetErrorBody: Encodable {
    struct Detail: Encodable {
        var message: String
        var type: String
        var code: String?
        var param: String?
    }
    var error: Detail
}

/// The `/v1/models` listing.
struct FleetModelList: Encodable {
    struct Model: Encodable {
        var id: String
        var object = "model"
        var created = 0
        var owned_by = "evalctl-fleet"
    }
    var object = "list"
    var data: [Model]
}

/// The legacy Completions request (`/v1/completions`), as vLLM and OpenAI accept it.
struct FleetCompletionRequest: Decodable {
    enum PromptField: Decodable {
        case text(String)
        case texts([String])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .texts(try container.decode([String].self))
            }
        }
    }
    var model: String
    var prompt: PromptField
    var max_tokens: Int?
    var temperature: Double?
    var top_p: Double?
    var top_k: Int?
    var seed: UInt64?
    var logprobs: Int?
    var echo: Bool?
    var user: String?
    var n: Int?
    var stream: Bool?
}

/// The legacy Completions response.
struct FleetCompletionResponse: Encodable {
    struct Logprobs: Encodable {
        var tokens: [String]
        var token_logprobs: [Double?]
        var top_logprobs: [[String: Double]?]
        var text_offset: [Int]
    }
    struct Choice: Encodable {
        var text: String
        var index = 0
        var logprobs: Logprobs?
        var finish_reason: String
    }
    var id: String
    var object = "text_completion"
    var created: Int
    var model: String
    var system_fingerprint: String
    var choices: [Choice]
    var usage: FleetChatResponse.Usage
}

/// The Anthropic Messages request, as the fleet reads it.
struct FleetMessagesRequest: Decodable {
    struct Message: Decodable {
        var role: String
        var content: String
    }
    var model: String
    var max_tokens: Int
    var system: String?
    var messages: [Message]
    var temperature: Double?
    var top_p: Double?
    var top_k: Int?
    struct Metadata: Decodable { var user_id: String? }
    var metadata: Metadata?
}

/// The Anthropic Messages response the fleet sends.
struct FleetMessagesResponse: Encodable {
    struct Block: Encodable {
        var type = "text"
        var text: String
    }
    struct Usage: Encodable {
        var input_tokens: Int
        var output_tokens: Int
    }
    var id: String
    var type = "message"
    var role = "assistant"
    var model: String
    var content: [Block]
    var stop_reason: String
    var stop_sequence: String?
    var usage: Usage
}

/// An Anthropic-style error body.
struct FleetMessagesError: Encodable {
    struct Detail: Encodable {
        var type: String
        var message: String
    }
    var type = "error"
    var error: Detail
}
