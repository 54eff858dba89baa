import ArgumentParser
import Foundation

/// `--since` values: an ISO 8601 date or date-time, seconds since 1970, or a span back from now
/// (`90m`, `24h`, `7d`).
enum TimeSpec {
    static func parse(_ text: String, option: String = "--since", now: Date = Date()) throws -> Double {
        if let seconds = Double(text) { return seconds }
        if let last = text.last, let amount = Double(text.dropLast()), amount >= 0 {
            let unit: Double? =
                switch last {
                case "s": 1
                case "m": 60
                case "h": 3_600
                case "d": 86_400
                case "w": 604_800
                default: nil
                }
            if let unit { return now.timeIntervalSince1970 - amount * unit }
        }
        if let date = try? Date(text, strategy: .iso8601) { return date.timeIntervalSince1970 }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date.timeIntervalSince1970 }
        throw ValidationError("'\(option)' must be an ISO 8601 date, seconds since 1970, or a span such as 24h or 7d; got '\(text)'.")
    }
}
