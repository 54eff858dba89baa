/// A token-level diff between a reference output and a platform's output (longest common
/// subsequence), for the worst examples of `compare` and the report.
public enum TokenDiff {
    /// One stretch of the diff.
    public struct Segment: Sendable, Equatable {
        public enum Operation: String, Sendable {
            /// In both.
            case equal = "="
            /// Only in the reference.
            case removed = "-"
            /// Only in the platform's output.
            case added = "+"
        }

        public var operation: Operation
        public var text: String

        public init(_ operation: Operation, _ text: String) {
            self.operation = operation
            self.text = text
        }
    }

    /// The longest inputs diffed exactly; the rest of longer inputs is reported as one change.
    public static let maximumTokens = 2_000

    /// The diff from `reference` to `output`, adjacent segments of one operation merged.
    public static func diff(reference: [String], output: [String]) -> [Segment] {
        // Common prefix and suffix first: outputs that differ at one token stay cheap.
        var prefix = 0
        while prefix < reference.count, prefix < output.count, reference[prefix] == output[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < reference.count - prefix, suffix < output.count - prefix,
            reference[reference.count - 1 - suffix] == output[output.count - 1 - suffix]
        {
            suffix += 1
        }
        var segments: [Segment] = []
        func append(_ operation: Segment.Operation, _ text: String) {
            guard !text.isEmpty else { return }
            if let last = segments.last, last.operation == operation {
                segments[segments.count - 1].text += text
            } else {
                segments.append(Segment(operation, text))
            }
        }
        append(.equal, reference[..<prefix].joined())
        let left = Array(reference[prefix..<(reference.count - suffix)])
        let right = Array(output[prefix..<(output.count - suffix)])
        if left.count > maximumTokens || right.count > maximumTokens {
            append(.removed, left.joined())
            append(.added, right.joined())
        } else {
            for (operation, token) in middle(left, right) { append(operation, token) }
        }
        append(.equal, reference[(reference.count - suffix)...].joined())
        return segments
    }

    /// Splits text into words, runs of spaces and single other characters: the tokens of the
    /// diff when a platform reported none.
    public static func words(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentKind = 0
        for character in text {
            let kind = character.isLetter || character.isNumber ? 1 : character.isWhitespace ? 2 : 3
            if kind != currentKind || kind == 3, !current.isEmpty {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            currentKind = kind
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func middle(_ left: [String], _ right: [String]) -> [(Segment.Operation, String)] {
        let rows = left.count
        let columns = right.count
        guard rows > 0 else { return right.map { (.added, $0) } }
        guard columns > 0 else { return left.map { (.removed, $0) } }
        // lengths[i][j]: LCS of left[i...] and right[j...], flattened.
        var lengths = [Int32](repeating: 0, count: (rows + 1) * (columns + 1))
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                lengths[i * (columns + 1) + j] =
                    left[i] == right[j]
                    ? lengths[(i + 1) * (columns + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (columns + 1) + j], lengths[i * (columns + 1) + j + 1])
            }
        }
        var result: [(Segment.Operation, String)] = []
        var i = 0
        var j = 0
        while i < rows, j < columns {
            if left[i] == right[j] {
                result.append((.equal, left[i]))
                i += 1
                j += 1
            } else if lengths[(i + 1) * (columns + 1) + j] >= lengths[i * (columns + 1) + j + 1] {
                result.append((.removed, left[i]))
                i += 1
            } else {
                result.append((.added, right[j]))
                j += 1
            }
        }
        while i < rows { result.append((.removed, left[i])); i += 1 }
        while j < columns { result.append((.added, right[j])); j += 1 }
        return result
    }
}
