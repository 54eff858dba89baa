import EvalCore

/// A reply read from a ``JSONValue`` tree rather than through `Decodable`: Foundation's decoder
/// costs milliseconds for a chat completion with token logprobs, this path a small fraction.
protocol JSONReply {
    init(json: JSONValue) throws(JSONShapeError)
}

/// A field of a reply that is missing or of the wrong type, with its path (`choices[0].message`).
struct JSONShapeError: Error, CustomStringConvertible {
    var path: String
    var expected: String
    var description: String { "\(path): expected \(expected)" }
}

/// Typed access to the fields of a reply, naming the path on failure.
struct JSONField {
    let value: JSONValue?
    /// The path of the field, or of the array holding it when ``index`` is set.
    private let base: String
    private let index: Int?

    init(_ value: JSONValue?, path: String) {
        self.value = value
        self.base = path
        self.index = nil
    }

    private init(element value: JSONValue, of array: String, at index: Int) {
        self.value = value
        self.base = array
        self.index = index
    }

    /// Where the field is, for errors: built only when asked (an echoed prompt has 30k elements).
    var path: String { index.map { "\(base)[\($0)]" } ?? base }

    subscript(key: String) -> JSONField { JSONField(value?[key], path: path.isEmpty ? key : "\(path).\(key)") }

    var isAbsent: Bool { value == nil || value?.isNull == true }

    func string() throws(JSONShapeError) -> String {
        guard let text = value?.string else { throw JSONShapeError(path: path, expected: "a string") }
        return text
    }

    func optionalString() throws(JSONShapeError) -> String? {
        isAbsent ? nil : try string()
    }

    func double() throws(JSONShapeError) -> Double {
        guard let number = value?.double else { throw JSONShapeError(path: path, expected: "a number") }
        return number
    }

    /// A log-probability: a finite number, at most 0 (a rounding error of 1e-4 is tolerated and clamped).
    ///
    /// A positive one is not a probability: the numbers built on it would be garbage.
    func logprob() throws(JSONShapeError) -> Double {
        guard let number = value?.double else { throw JSONShapeError(path: path, expected: "a number") }
        guard number.isFinite || number == -.infinity, number <= 1e-4 else {
            throw JSONShapeError(path: path, expected: "a log-probability (a number ≤ 0), got \(number)")
        }
        return min(number, 0)
    }

    func optionalInt() throws(JSONShapeError) -> Int? {
        if isAbsent { return nil }
        guard let number = value?.int else { throw JSONShapeError(path: path, expected: "an integer") }
        return number
    }

    func array() throws(JSONShapeError) -> [JSONField] {
        guard let items = value?.array else { throw JSONShapeError(path: path, expected: "an array") }
        let path = self.path
        return items.enumerated().map { JSONField(element: $1, of: path, at: $0) }
    }

    func optionalArray() throws(JSONShapeError) -> [JSONField]? {
        isAbsent ? nil : try array()
    }
}
