import EvalCore

/// `POST /apply-template`: chat messages in, the prompt text the server's chat template makes of them out.
struct LlamaCppApplyTemplateBody: Encodable {
    var messages: [ChatMessageBody]
}

/// The reply of `/apply-template`.
struct LlamaCppApplyTemplateReply: JSONReply {
    var prompt: String

    init(json: JSONValue) throws(JSONShapeError) {
        prompt = try JSONField(json, path: "")["prompt"].string()
    }
}

/// `POST /completion`, llama.cpp's native route, as the teacher forcer sends it.
struct LlamaCppCompletionBody: Encodable {
    var prompt: String
    var n_predict: Int
    var n_probs: Int
    var temperature: Double
    var grammar: String
    var cache_prompt: Bool
    var response_fields: [String]
}

/// The reply of `/completion` (fields the teacher forcer reads).
struct LlamaCppCompletionReply: JSONReply {
    var content: String
    var tokens: [TokenLogprob]

    init(json: JSONValue) throws(JSONShapeError) {
        let root = JSONField(json, path: "")
        guard case .object? = root.value else { throw JSONShapeError(path: "the body", expected: "an object") }
        content = try root["content"].optionalString() ?? ""
        tokens =
            try root["completion_probabilities"].optionalArray().map { entries throws(JSONShapeError) in try LogprobsContent.read(entries) } ?? []
    }
}

/// `GET /props`: only whether the server is llama.cpp's (it reports a chat template).
struct LlamaCppPropsReply: JSONReply {
    var hasChatTemplate: Bool

    init(json: JSONValue) throws(JSONShapeError) {
        hasChatTemplate = try JSONField(json, path: "")["chat_template"].optionalString() != nil
    }
}
