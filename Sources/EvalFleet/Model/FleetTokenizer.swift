/// Splits text into the fleet model's tokens, losslessly: joining the tokens gives the text back.
///
/// Words carry their leading space (`" word"`), as in byte-pair vocabularies; Han, kana and
/// Thai characters are one token each (with their combining marks); digits come in runs of at
/// most three; runs of one punctuation character (up to eight) are one token; runs of spaces (indentation) and newlines are tokens of their own; any other
/// character is its own token.
public enum FleetTokenizer {
    enum Kind: Equatable {
        case word, ideograph, digit, space, newline, other
    }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        if scalar == "\n" || scalar == "\r" { return .newline }
        if scalar == " " || scalar == "\t" { return .space }
        if ("0"..."9").contains(scalar) { return .digit }
        switch scalar.value {
        case 0x0E00...0x0E7F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF:
            return .ideograph
        default:
            break
        }
        if scalar.properties.isAlphabetic || scalar == "_" { return .word }
        return .other
    }

    static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Splits text into tokens.
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        while i < scalars.count {
            let scalar = scalars[i]
            let kind = Self.kind(of: scalar)
            switch kind {
            case .newline:
                var j = i
                while j < scalars.count, Self.kind(of: scalars[j]) == .newline, j - i < 2 { j += 1 }
                tokens.append(String(String.UnicodeScalarView(scalars[i..<j])))
                i = j
            case .space:
                var j = i
                while j < scalars.count, Self.kind(of: scalars[j]) == .space { j += 1 }
                let run = j - i
                let next = j < scalars.count ? Self.kind(of: scalars[j]) : .newline
                let attaches = next != .newline && scalars[j - 1] == " "
                if run > 1 || !attaches {
                    tokens.append(String(String.UnicodeScalarView(scalars[i..<(attaches ? j - 1 : j)])))
                }
                if attaches {
                    current.append(" ")
                    i = j
                    i = consumeUnit(scalars, from: i, into: &current)
                    flush()
                } else {
                    i = j
                }
            default:
                i = consumeUnit(scalars, from: i, into: &current)
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Appends one unit (a word, a digit run, one ideograph, or one other character) starting at `start`.
    private static func consumeUnit(_ scalars: [Unicode.Scalar], from start: Int, into current: inout String.UnicodeScalarView) -> Int {
        var i = start
        let kind = Self.kind(of: scalars[i])
        switch kind {
        case .word:
            while i < scalars.count, Self.kind(of: scalars[i]) == .word || (i > start && isCombining(scalars[i])) {
                current.append(scalars[i])
                i += 1
            }
        case .digit:
            while i < scalars.count, i - start < 3, Self.kind(of: scalars[i]) == .digit {
                current.append(scalars[i])
                i += 1
            }
        case .other:
            // Runs of one punctuation character (```, ---, **) are one token, as in BPE vocabularies.
            let first = scalars[i]
            while i < scalars.count, scalars[i] == first, i - start < 8 {
                current.append(scalars[i])
                i += 1
            }
        default:
            current.append(scalars[i])
            i += 1
            while i < scalars.count, isCombining(scalars[i]) {
                current.append(scalars[i])
                i += 1
            }
        }
        return i
    }
}
