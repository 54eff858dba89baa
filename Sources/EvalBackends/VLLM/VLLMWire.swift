import EvalCore

/// `POST /tokenize` with chat messages: the token ids of the prompt the chat route generates from
/// (vLLM's chat template, generation prompt included).
struct VLLMTokenizeChatBody: Encodable {
    var model: String
    var messages: [ChatMessageBody]
    var add_generation_prompt: Bool
}

/// `POST /tokenize` with a plain text.
struct VLLMTokenizeTextBody: Encodable {
    var model: String
    var prompt: String
    var add_special_tokens: Bool
}

/// The reply of `/tokenize` (fields read).
struct VLLMTokenizeReply: JSONReply {
    var tokens: [Int]

    init(json: JSONValue) throws(JSONShapeError) {
        var tokens: [Int] = []
        for field in try JSONField(json, path: "")["tokens"].array() {
            guard let id = try field.optionalInt() else { throw JSONShapeError(path: field.path, expected: "a token id") }
            tokens.append(id)
        }
        self.tokens = tokens
    }
}

/// `GET /version`: vLLM answers `{"version": "…"}`.
struct VLLMVersionReply: JSONReply {
    var version: String

    init(json: JSONValue) throws(JSONShapeError) {
        version = try JSONField(json, path: "")["version"].string()
    }
}
