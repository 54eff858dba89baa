import EvalCore
import Foundation

/// Posts JSON notifications (alert webhooks) with a deadline per attempt and bounded retries.
public struct WebhookPoster: Sendable {
    let transport: HTTPTransport
    /// Seconds per attempt.
    public var timeout: Double
    /// Attempts in all, with a doubling pause between them.
    public var attempts: Int

    public init(transport: HTTPTransport, timeout: Double = 10, attempts: Int = 3) {
        self.transport = transport
        self.timeout = timeout
        self.attempts = attempts
    }

    /// Posts `body`; retries timeouts, connection failures and 5xx/429 replies.
    ///
    /// - Throws: ``InfraError`` after the last attempt. Its message never contains the URL, which
    ///   may carry a secret.
    public func post(url: String, body: Data) async throws(InfraError) {
        var pause = 0.5
        var lastError = InfraError(.connect, "no attempt made")
        for attempt in 1...max(1, attempts) {
            if attempt > 1 {
                try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
                pause *= 2
            }
            let reply: HTTPTransport.Reply
            do throws(InfraError) {
                reply = try await transport.postJSON(url: url, headers: [], body: body, timeout: timeout, maxBodyBytes: 1 << 20)
            } catch {
                lastError = error
                continue
            }
            if (200..<300).contains(reply.status) { return }
            let kind: InfraError.Kind = reply.status == 429 ? .http429 : reply.status >= 500 ? .http5xx : .http4xx
            lastError = InfraError(kind, "webhook answered HTTP \(reply.status)")
            // A 4xx other than 429 will not change on retry.
            if kind == .http4xx { throw lastError }
        }
        throw lastError
    }
}
