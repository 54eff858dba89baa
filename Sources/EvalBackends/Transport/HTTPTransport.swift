import AsyncHTTPClient
import EvalCore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One HTTP client shared by every backend, with a connection pool sized for sweeps.
public final class HTTPTransport: Sendable {
    let client: HTTPClient

    /// Creates the transport.
    ///
    /// - Parameter connectionsPerHost: HTTP/1 connections kept per host; the client's default (8)
    ///   would cap concurrency far below what a platform's `max_concurrency` asks for.
    public init(connectionsPerHost: Int = 64) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        // evalctl retries whole requests itself, bounded and classified; a refused connection
        // must surface as `connect` at once, not as a timeout after the client's own retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10))
        configuration.decompression = .enabled(limit: .ratio(50))
        // A redirected POST is not the request that was planned (and a redirect loop would be
        // followed until the client's limit): 3xx answers come back as they are, classified `redirect`.
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes every connection.
    ///
    /// Call once, when the process no longer needs the transport.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// A response whose body has been read in full.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// Sends a JSON POST and reads the whole reply, within a deadline.
    ///
    /// - Throws: ``InfraError`` of kind `timeout`, `connect` or `truncated`.
    func postJSON(url: String, headers: [(String, String)], body: Data, timeout: Double, maxBodyBytes: Int = 64 << 20) async throws(InfraError)
        -> Reply
    {
        try await execute(
            Self.jsonPOST(url: url, headers: headers, body: body, accept: "application/json"), timeout: timeout, maxBodyBytes: maxBodyBytes)
    }

    /// A POST of a JSON body with the caller's headers, accepting `accept`.
    static func jsonPOST(url: String, headers: [(String, String)], body: Data, accept: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: accept)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// Sends a GET and reads the whole reply, within a deadline (probes of a server's routes).
    ///
    /// - Throws: ``InfraError`` of kind `timeout`, `connect` or `truncated`.
    func get(url: String, timeout: Double, maxBodyBytes: Int = 4 << 20) async throws(InfraError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "accept", value: "application/json")
        return try await execute(request, timeout: timeout, maxBodyBytes: maxBodyBytes)
    }

    /// Sends a request and reads the whole reply within the deadline, failures classified.
    fileprivate func execute(_ request: HTTPClientRequest, timeout: Double, maxBodyBytes: Int) async throws(InfraError) -> Reply {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1e9))
        do {
            return try await withDeadline(seconds: timeout) {
                let response = try await self.executeOnLiveConnection(request, deadline: deadline)
                let bytes = try await response.body.collect(upTo: maxBodyBytes)
                return Reply(status: Int(response.status.code), headers: response.headers, body: bytes)
            }
        } catch {
            throw Self.classify(error, timeout: timeout)
        }
    }

    /// Sends a request and waits for the reply's head; sends it again, at once, when the pooled
    /// connection it went out on turns out to have been closed by the server before any reply.
    ///
    /// A server may close a kept-alive connection without saying so: llama.cpp's does after every
    /// streamed reply, though it advertises `Keep-Alive`. The next request on that connection then
    /// fails before the server read it (curl says "Connection died, retrying a fresh connect" and
    /// does the same). A dead connection leaves the pool, but several may wait there (one per
    /// streamed reply that ran at once), so the request goes out again while that happens, at most
    /// ``staleConnectionRetries`` times.
    func executeOnLiveConnection(_ request: HTTPClientRequest, deadline: NIODeadline) async throws -> HTTPClientResponse {
        var retries = 0
        while true {
            do {
                return try await client.execute(request, deadline: deadline)
            } catch let error where Self.isStaleConnection(error) && retries < Self.staleConnectionRetries {
                retries += 1
            }
        }
    }

    /// Dead pooled connections a request may run into before its failure stands.
    static let staleConnectionRetries = 8

    /// Whether a request failed because its connection was already closed, before any reply came.
    static func isStaleConnection(_ error: any Error) -> Bool {
        if let error = error as? ChannelError, case .ioOnClosedChannel = error { return true }
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed { return true }
        return false
    }

    /// The status of a GET, or `nil` when no answer came (readiness checks of servers).
    public func status(of url: String, timeout: Double) async -> Int? {
        try? await get(url: url, timeout: timeout).status
    }

    static func classify(_ error: any Error, timeout: Double) -> InfraError {
        if let error = error as? InfraError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return InfraError(.timeout, "no complete answer within \(timeout)s")
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return InfraError(.connect, "could not connect in time")
            case .remoteConnectionClosed, .bodyLengthMismatch:
                return InfraError(.truncated, "the connection closed before the answer was complete")
            case .redirectCycleDetected, .redirectLimitReached:
                return InfraError(.redirect, "redirect loop: evalctl follows no redirects; set the platform's base_url to the final address")
            case .cancelled:
                return InfraError(.timeout, "cancelled at the deadline of \(timeout)s")
            default:
                return InfraError(.connect, "\(error)")
            }
        }
        if let error = error as? HTTPParserError, error == .invalidEOFState {
            return InfraError(.truncated, "the connection closed before the answer was complete (fewer bytes than its Content-Length)")
        }
        if error is NIOTooManyBytesError {
            return InfraError(.malformedBody, "the body exceeds the size limit")
        }
        if error is CancellationError {
            return InfraError(.timeout, "cancelled at the deadline of \(timeout)s")
        }
        return InfraError(.connect, String(describing: error).prefix(200).description)
    }
}

/// Runs `body`, cancelling it and throwing a timeout if it has not returned within `seconds`.
func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            throw InfraError(.timeout, "no complete answer within \(seconds)s")
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

extension HTTPTransport {
    /// A reply relayed as it came: status, content type and body.
    public struct Relayed: Sendable {
        public var status: Int
        public var contentType: String?
        public var body: Data
    }

    /// Sends a request with a JSON (or empty) body and returns the reply unchanged, within a
    /// deadline (test proxies in front of real servers).
    ///
    /// - Throws: ``InfraError`` of kind `timeout`, `connect` or `truncated`.
    public func relay(method: String, url: String, body: Data?, timeout: Double) async throws(InfraError) -> Relayed {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let reply = try await execute(request, timeout: timeout, maxBodyBytes: 64 << 20)
        return Relayed(status: reply.status, contentType: reply.headers.first(name: "content-type"), body: Data(buffer: reply.body))
    }
}
