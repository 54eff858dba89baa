import EvalCore

/// The legacy Completions request body (`/v1/completions`).
struct OpenAICompletionsRequestBody: Encodable {
    /// One prompt, a batch (one choice per prompt, matched by `index`), or one prompt as token ids.
    enum PromptField: Encodable {
        case one(String)
        case batch([String])
        case tokens([Int])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .one(let text): try container.encode(text)
            case .batch(let texts): try container.encode(texts)
            case .tokens(let ids): try container.encode(ids)
            }
        }
    }

    var model: String
    var prompt: PromptField
    var max_tokens: Int
    var stop: [String]? = nil
    var temperature: Double
    var top_p: Double
    var top_k: Int?
    var seed: UInt64?
    var user: String?
    var logprobs: Int?
    var echo: Bool?
    var stream: Bool? = nil
    var stream_options: OpenAIChatRequestBody.StreamOptions? = nil
}

/// The legacy Completions response body (fields evalctl reads).
struct OpenAICompletionsResponseBody {
    struct Choice {
        struct Logprobs {
            var tokens: [String]?
            var token_logprobs: [Double?]?
            var top_logprobs: [[String: Double]?]?
            var text_offset: [Int]?
            /// llama.cpp's layout on `/v1/completions`: the chat-style `content[]` list instead of
            /// the four legacy arrays.
            var content: [TokenLogprob]?
        }
        var index: Int?
        var text: String
        var logprobs: Logprobs?
        var finish_reason: String?
    }
    var model: String?
    var system_fingerprint: String?
    var choices: [Choice]
    var completionTokens: Int?
    var promptTokens: Int?
}

extension OpenAICompletionsResponseBody: JSONReply {
    init(json: JSONValue) throws(JSONShapeError) {
        let root = JSONField(json, path: "")
        guard case .object? = root.value else { throw JSONShapeError(path: "the body", expected: "an object") }
        model = try root["model"].optionalString()
        system_fingerprint = try root["system_fingerprint"].optionalString()
        completionTokens = root["usage"].isAbsent ? nil : try root["usage"]["completion_tokens"].optionalInt()
        promptTokens = root["usage"].isAbsent ? nil : try root["usage"]["prompt_tokens"].optionalInt()
        var choices: [Choice] = []
        for choice in try root["choices"].array() {
            var logprobs: Choice.Logprobs?
            let block = choice["logprobs"]
            if !block.isAbsent {
                var read = Choice.Logprobs()
                if let entries = try block["content"].optionalArray() {
                    read.content = try LogprobsContent.read(entries)
                }
                read.tokens = try block["tokens"].optionalArray()?.map { field throws(JSONShapeError) in try field.string() }
                read.token_logprobs = try block["token_logprobs"].optionalArray()?.map { field throws(JSONShapeError) in
                    field.isAbsent ? nil : try field.logprob()
                }
                read.top_logprobs = try block["top_logprobs"].optionalArray()?.map { field throws(JSONShapeError) -> [String: Double]? in
                    if field.isAbsent { return nil }
                    guard case .object(let members)? = field.value else { throw JSONShapeError(path: field.path, expected: "an object") }
                    var alternatives: [String: Double] = [:]
                    alternatives.reserveCapacity(members.count)
                    for (token, value) in members {
                        guard let number = value.double, number <= 1e-4 else {
                            throw JSONShapeError(path: "\(field.path).\(token)", expected: "a log-probability (a number ≤ 0)")
                        }
                        alternatives[token] = min(number, 0)
                    }
                    return alternatives
                }
                read.text_offset = try block["text_offset"].optionalArray()?.map { field throws(JSONShapeError) -> Int in
                    guard let offset = try field.optionalInt() else { throw JSONShapeError(path: field.path, expected: "an integer") }
                    return offset
                }
                logprobs = read
            }
            choices.append(
                Choice(
                    index: try choice["index"].optionalInt(), text: try choice["text"].string(), logprobs: logprobs,
                    finish_reason: try choice["finish_reason"].optionalString()
                )
            )
        }
        self.choices = choices
    }
}
