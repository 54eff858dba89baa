import AsyncHTTPClient
import EvalCore
import Foundation
import NIOCore
import NIOHTTP1

/// How a streamed reply frames its events.
enum StreamFraming: Sendable {
    /// Server-sent events (`text/event-stream`): OpenAI's, Anthropic's and Vertex AI's streams.
    case serverSentEvents
    /// AWS's binary event stream (`application/vnd.amazon.eventstream`): Bedrock's ConverseStream.
    case awsEventStream

    var contentType: String {
        switch self {
        case .serverSentEvents: "text/event-stream"
        case .awsEventStream: "application/vnd.amazon.eventstream"
        }
    }
}

extension HTTPTransport {
    /// Sends a JSON POST that asks for a `text/event-stream` reply and reads its events as they
    /// arrive into `accumulator`, within a deadline for the whole stream.
    ///
    /// - Returns: The accumulator after the stream's end, and the reply's headers.
    /// - Throws: ``InfraError``: a non-2xx status classified as for any request; a reply that is
    ///   not an event stream (`malformed-body`: the server does not stream); a stream that ends
    ///   before its last event, or with an error event (`truncated`); `timeout`, `connect`.
    func postStream<Accumulator: StreamAccumulator>(
        url: String, headers: [(String, String)], body: Data, timeout: Double, framing: StreamFraming = .serverSentEvents,
        into accumulator: Accumulator, maxBodyBytes: Int = 64 << 20
    ) async throws(InfraError) -> (Accumulator, HTTPHeaders) {
        let prepared = Self.jsonPOST(url: url, headers: headers, body: body, accept: framing.contentType)
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1e9))
        do {
            return try await withDeadline(seconds: timeout) {
                let start = ContinuousClock.now
                let response = try await self.executeOnLiveConnection(prepared, deadline: deadline)
                let status = Int(response.status.code)
                guard (200..<300).contains(status) else {
                    let bytes = try await response.body.collect(upTo: 1 << 20)
                    try HTTPStatusCheck.check(Reply(status: status, headers: response.headers, body: bytes))
                    throw InfraError(.http4xx, "HTTP \(status)", status: status)
                }
                let contentType = response.headers.first(name: "content-type") ?? "none"
                guard contentType.lowercased().hasPrefix(framing.contentType) else {
                    throw InfraError(
                        .malformedBody,
                        "asked for a stream (stream: true), got content-type \(contentType.prefix(60)): the server does not stream this route")
                }
                var accumulator = accumulator
                var decoder = ServerSentEventDecoder()
                var frames = AWSEventStreamDecoder()
                var received = 0
                for try await chunk in response.body {
                    received += chunk.readableBytes
                    guard received <= maxBodyBytes else { throw InfraError(.malformedBody, "the stream exceeds the size limit") }
                    let seconds = (ContinuousClock.now - start).seconds
                    let events: [ServerSentEvent]
                    switch framing {
                    case .serverSentEvents:
                        do {
                            events = try chunk.withUnsafeReadableBytes { try decoder.feed($0) }
                        } catch {
                            throw InfraError(.malformedBody, "a stream line exceeds \(decoder.maximumLineBytes) bytes")
                        }
                    case .awsEventStream:
                        do {
                            events = try chunk.withUnsafeReadableBytes { try frames.feed($0) }.map(\.event)
                        } catch {
                            throw InfraError(.malformedBody, "\(error)")
                        }
                    }
                    for event in events { try accumulator.receive(event, at: seconds) }
                }
                guard accumulator.isComplete else {
                    throw InfraError(.truncated, "the stream ended before its last event (\(Accumulator.lastEvent))")
                }
                return (accumulator, response.headers)
            }
        } catch {
            throw Self.classify(error, timeout: timeout)
        }
    }
}
