import EvalCore
import Foundation
import NIOCore
import NIOFoundationCompat

/// Turns non-2xx replies into classified ``InfraError``s.
enum HTTPStatusCheck {
    static func check(_ reply: HTTPTransport.Reply) throws(InfraError) {
        guard !(200..<300).contains(reply.status) else { return }
        let snippet = String(buffer: reply.body).prefix(200).replacingOccurrences(of: "\n", with: " ")
        let retryAfter = reply.headers.first(name: "retry-after").flatMap(Self.retryAfterSeconds)
        switch reply.status {
        case 429:
            throw InfraError(.http429, "HTTP 429: \(snippet)", status: 429, retryAfter: retryAfter)
        case 408:
            throw InfraError(.timeout, "HTTP 408: \(snippet)", status: 408)
        case 300..<400:
            let location = reply.headers.first(name: "location").map { " to \(String($0.prefix(200)))" } ?? ""
            throw InfraError(
                .redirect, "HTTP \(reply.status)\(location): evalctl follows no redirects; set the platform's base_url to the final address",
                status: reply.status
            )
        case 400..<500:
            throw InfraError(.http4xx, "HTTP \(reply.status): \(snippet)", status: reply.status)
        default:
            throw InfraError(.http5xx, "HTTP \(reply.status): \(snippet)", status: reply.status, retryAfter: retryAfter)
        }
    }

    /// `Retry-After` as seconds: a delay in seconds, or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}

/// Short, one-line descriptions of JSON decoding errors, naming the field at fault.
enum DecodingErrorSummary {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return joined.isEmpty ? "(root)" : String(joined.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context).isEmpty || path(context) == "(root)" ? key.stringValue : path(context) + "." + key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field '\(path(context))': \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "invalid JSON at '\(path(context))'"
        @unknown default:
            return "\(error)"
        }
    }
}
