import AsyncHTTPClient
import EvalBackends
import EvalCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The streaming client's CPU cost beside the non-streaming one's, in the same run: a loopback
/// server answers a chat completion of `tokens` tokens (5 alternatives each) whole or as one
/// chunk per token; each mode is measured through evalctl's backend and through a bare client
/// that only reads the bytes, and the difference is evalctl's own work (parsing, assembling),
/// with the server's and the transport's cost taken out.
enum StreamingBench {
    static let tokens = 64
    static let requests = 1500
    static let concurrency = 8

    static func run(into table: inout BenchTable) async throws {
        let whole = ByteBuffer(string: wholeBody())
        let chunks = streamChunks().map { ByteBuffer(string: $0) }
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            if String(buffer: body).contains(#""stream":true"#) {
                return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody(contentsOf: chunks))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: whole))
        }
        let quiet = {
            var logger = Logger(label: "bench"); logger.logLevel = .critical; return logger
        }()
        let (portStream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quiet)
        let server = Task { try await app.run() }
        var ports = portStream.makeAsyncIterator()
        let port = await ports.next() ?? 0
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(port)/v1"

        let transport = HTTPTransport()
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
        let request = CompletionRequest(
            model: "m", prompt: .text("q"), sampling: SamplingParameters(temperature: 0, topP: 1, maxTokens: tokens), seed: 1, topLogprobs: 5)
        var measured: [Bool: (backend: Double, bare: Double)] = [:]
        for stream in [false, true] {
            var platform = PlatformConfiguration(name: "bench", baseURL: base, model: "m", requestTimeout: 30)
            platform.stream = stream
            let backend = OpenAIChatBackend(platform: platform, apiKey: nil, transport: transport)
            let body = Data((stream ? #"{"stream":true}"# : "{}").utf8)
            // The best of three rounds of each: shared machines are noisy.
            var backendCPU = Double.infinity
            var bareCPU = Double.infinity
            for _ in 0..<3 {
                backendCPU = min(
                    backendCPU,
                    try await cpuSeconds {
                        let answers = try await send(count: requests) { _ = try await backend.complete(request, logger: quiet) }
                        guard answers == requests else { throw BenchError("streaming bench: \(requests - answers) requests failed") }
                    })
                bareCPU = min(
                    bareCPU,
                    try await cpuSeconds {
                        _ = try await send(count: requests) {
                            var bare = HTTPClientRequest(url: base + "/chat/completions")
                            bare.method = .POST
                            bare.body = .bytes(ByteBuffer(bytes: body))
                            _ = try await client.execute(bare, timeout: .seconds(30)).body.collect(upTo: 16 << 20)
                        }
                    })
            }
            measured[stream] = (backendCPU, bareCPU)
        }
        try await client.shutdown()
        try await transport.shutdown()
        guard let whole = measured[false], let streamed = measured[true] else { return }
        func own(_ cpu: (backend: Double, bare: Double)) -> Double { max(0, cpu.backend - cpu.bare) / Double(requests) }
        let wholeOwn = own(whole)
        let streamOwn = own(streamed)
        table.add(
            "streaming client CPU, chat with logprobs (\(tokens) tokens × 5 alternatives)",
            String(
                format:
                    "%.0f µs/request, %.2f µs/token (%.1f× whole answers: %.0f µs/request, %.2f µs/token); with transport and server %.0f vs %.0f µs/request",
                streamOwn * 1e6, streamOwn * 1e6 / Double(tokens), streamOwn / max(wholeOwn, 1e-12), wholeOwn * 1e6,
                wholeOwn * 1e6 / Double(tokens), streamed.backend / Double(requests) * 1e6, whole.backend / Double(requests) * 1e6),
            note: "evalctl's own CPU: its backend minus a bare client reading the same bytes, same run")
    }

    /// Runs `body` `count` times, `concurrency` at a time; returns how many succeeded.
    static func send(count: Int, _ body: @escaping @Sendable () async throws -> Void) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var submitted = 0
            var succeeded = 0
            for _ in 0..<min(concurrency, count) {
                submitted += 1
                group.addTask { (try? await body()) != nil }
            }
            while let ok = try await group.next() {
                if ok { succeeded += 1 }
                if submitted < count {
                    submitted += 1
                    group.addTask { (try? await body()) != nil }
                }
            }
            return succeeded
        }
    }

    /// The process's CPU time (user and system) spent while `body` runs.
    static func cpuSeconds(_ body: () async throws -> Void) async throws -> Double {
        func now() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let start = now()
        try await body()
        return now() - start
    }

    static func token(_ index: Int) -> (text: String, entry: String) {
        let text = " word\(index % 50)"
        let top = (0..<5).map { #"{"token":" alt\#($0)","logprob":\#(-Double($0) - 0.5),"bytes":null}"# }.joined(separator: ",")
        return (text, #"{"token":"\#(text)","logprob":-0.25,"bytes":null,"top_logprobs":[\#(top)]}"#)
    }

    static func wholeBody() -> String {
        let entries = (0..<tokens).map { token($0) }
        return
            #"{"id":"c","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"\#(entries.map(\.text).joined())"},"#
            + #""logprobs":{"content":[\#(entries.map(\.entry).joined(separator: ","))]},"finish_reason":"length"}],"#
            + #""usage":{"prompt_tokens":5,"completion_tokens":\#(tokens),"total_tokens":\#(tokens + 5)}}"#
    }

    static func streamChunks() -> [String] {
        var chunks = (0..<tokens).map { index in
            let (text, entry) = token(index)
            let finish = index == tokens - 1 ? #""length""# : "null"
            return #"data: {"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"\#(text)"},"#
                + #""logprobs":{"content":[\#(entry)]},"finish_reason":\#(finish)}]}"# + "\n\n"
        }
        chunks.append(
            #"data: {"id":"c","object":"chat.completion.chunk","model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":\#(tokens),"total_tokens":\#(tokens + 5)}}"#
                + "\n\n")
        chunks.append("data: [DONE]\n\n")
        return chunks
    }
}
