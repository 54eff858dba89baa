import EvalCore
import Synchronization

/// Teacher forcing through llama.cpp's server, with the chat template the server itself uses.
///
/// llama.cpp ignores (or refuses) `echo`, so prompt log-probabilities are not to be had from its
/// OpenAI routes. Instead, for each answer:
/// 1. `POST /apply-template` turns the chat messages into the exact prompt text the chat route
///    generates from (the server's own template, generation prompt included);
/// 2. `POST /completion` continues that prompt under a grammar that admits only the answer's text,
///    decoding greedily with `n_probs`. The probabilities llama.cpp reports are the model's before
///    sampling (grammar, bias and temperature do not change them), so each forced token comes back
///    with the model's own log-probability and its most likely alternatives, in one request and with
///    the prompt's cache reused.
///
/// The tokens the grammar picks may cut the text differently from the platform's tokens at a few
/// places; those places are left unjudged by ``TokenAlignment``.
public struct LlamaCppTeacherForcer: TeacherForcing {
    private let templateEndpoint: JSONEndpoint
    private let completionEndpoint: JSONEndpoint
    private let apiKey: APIKey?
    /// Templated prompts by the prompt's content hash: every sample of a case on every platform is
    /// forced after the same prompt, which the server need template only once.
    private let templated = TemplateCache()

    public var method: String { "llama.cpp /apply-template + /completion grammar" }
    public var maxBatch: Int { 1 }

    /// Creates a forcer for a llama.cpp server.
    ///
    /// - Parameters:
    ///   - platform: The platform; its base URL may end at `/v1` (the OpenAI routes), which is removed
    ///     to reach the server's native routes.
    ///   - apiKey: The key (`--api-key`), sent as a bearer token.
    ///   - transport: The shared HTTP client.
    public init(platform: PlatformConfiguration, apiKey: APIKey?, transport: HTTPTransport) {
        self.templateEndpoint = JSONEndpoint(platform: platform, transport: transport, nativePath: "/apply-template")
        self.completionEndpoint = JSONEndpoint(platform: platform, transport: transport, nativePath: "/completion")
        self.apiKey = apiKey
    }

    /// The server's root URL: the base URL without a trailing `/v1`.
    public static func serverRoot(of baseURL: String) -> String {
        JSONEndpoint.serverRoot(of: baseURL)
    }

    public func teacherForce(_ requests: [ForcingRequest], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]] {
        try await OneAnswerPerRequest.force(requests) { request throws(InfraError) in try await force(request, topLogprobs: max(1, topLogprobs)) }
    }

    private func force(_ request: ForcingRequest, topLogprobs: Int) async throws(InfraError) -> [ForcedToken] {
        guard !request.answer.isEmpty else { return [] }
        let headers = apiKey.map { [("authorization", "Bearer \($0.rawValue)")] } ?? []
        let key = request.prompt.contentHash
        let prompt: String
        if let cached = templated.prompt(for: key) {
            prompt = cached
        } else {
            let template = LlamaCppApplyTemplateBody(messages: request.prompt.chatMessages.map(ChatMessageBody.init))
            prompt = try await templateEndpoint.postParsed(
                template, headers: headers, expecting: "llama.cpp's /apply-template reply", as: LlamaCppApplyTemplateReply.self
            ).0.prompt
            templated.store(prompt, for: key)
        }
        // Every token holds at least one byte: the answer's UTF-8 length bounds its tokens; one more for the end.
        let body = LlamaCppCompletionBody(
            prompt: prompt, n_predict: request.answer.utf8.count + 1, n_probs: topLogprobs, temperature: 0,
            grammar: GBNFLiteral.grammar(matching: request.answer), cache_prompt: true,
            response_fields: ["content", "completion_probabilities"]
        )
        let (reply, _) = try await completionEndpoint.postParsed(
            body, headers: headers, expecting: "llama.cpp's /completion reply", as: LlamaCppCompletionReply.self
        )
        var offset = 0
        return reply.tokens.map { token in
            defer { offset += token.token.unicodeScalars.count }
            let alternatives = token.top.sorted { $0.logprob != $1.logprob ? $0.logprob > $1.logprob : $0.token < $1.token }
            return ForcedToken(offset: offset, text: token.token, logprob: token.logprob, top: alternatives)
        }
    }

    /// Whether a platform's server is llama.cpp's: `GET /props` answers with a chat template.
    public static func detect(platform: PlatformConfiguration, transport: HTTPTransport) async -> Bool {
        await JSONEndpoint.probe(platform, transport: transport, nativePath: "/props", as: LlamaCppPropsReply.self)?.hasChatTemplate == true
    }
}

/// A GBNF grammar (llama.cpp's grammar format) that matches one literal text exactly.
public enum GBNFLiteral {
    /// `root ::= "<text>"`, the text escaped for a GBNF string literal.
    public static func grammar(matching text: String) -> String {
        var literal = ""
        literal.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    literal += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return "root ::= \"" + literal + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The prompts a forcer has templated, shared by its copies.
final class TemplateCache: Sendable {
    private let prompts = Mutex<[String: String]>([:])

    func prompt(for key: String) -> String? {
        prompts.withLock { $0[key] }
    }

    func store(_ prompt: String, for key: String) {
        prompts.withLock { $0[key] = prompt }
    }
}
