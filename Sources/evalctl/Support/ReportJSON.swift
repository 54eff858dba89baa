import EvalCore
import Foundation

/// JSON output of the commands (reports, scorecards, alert payloads), through `Encodable`.
enum ReportJSON {
    /// The value as compact JSON, keys sorted and in snake case.
    ///
    /// `pValue` is written `p_value`; embedded JSON keeps its keys, which are snake case already. Numbers that are not finite are written as `null`
    /// by the types that hold them (``finite(_:)``); should one slip through it becomes a string.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return safeForHTML(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            // Only a value that throws from its own `encode(to:)` gets here; none of ours does.
            return "{\"error\":\(JSONText.quote("cannot encode \(type(of: value)): \(error)"))}"
        }
    }

    /// JSON that can be embedded in HTML and read by any JavaScript parser.
    ///
    /// As ``JSONText/quote(_:)`` writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. They can only
    /// stand inside strings, so the escapes change no value (model output is untrusted).
    static func safeForHTML(_ json: String) -> String {
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A number for JSON: `nil` (written `null`) when it is not finite.
    static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Text that holds JSON when it parses (then embedded as JSON), else the text as a string.
    enum Embedded: Encodable {
        case json(JSONValue)
        case text(String)

        init(_ text: String) {
            if case .success(let value) = JSONParser.parse(text) { self = .json(value) } else { self = .text(text) }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .json(let value): try value.encode(to: encoder)
            case .text(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            }
        }
    }

    /// An optional field written as `null` when absent (synthesized `Encodable` would leave it out).
    @propertyWrapper
    struct Nullable<Value: Encodable>: Encodable {
        var wrappedValue: Value?

        init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
        }
    }
}
