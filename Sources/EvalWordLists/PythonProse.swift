/// The prose of a Python source file: its comments and string literals (docstrings, messages),
/// without the code around them.
///
/// A small lexer over UTF-8 bytes: `#` outside a string starts a comment that runs to the end of
/// the line; `'` or `"`, single or tripled and with any prefix (`r`, `b`, `f`, `u`), starts a
/// string that runs to the same quote unescaped (a backslash escapes the next byte, in raw
/// strings too, as Python's tokenizer reads them); a single-quoted string also ends at the end of
/// its line. What is not valid Python still gives some prose and never fails.
public enum PythonProse {
    /// The comments' and strings' bytes, one piece each (a comment without its `#`, a string
    /// without its quotes).
    public static func pieces(of source: [UInt8]) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var index = 0
        let count = source.count
        while index < count {
            let byte = source[index]
            if byte == UInt8(ascii: "#") {
                var end = index + 1
                while end < count, source[end] != 0x0A { end += 1 }
                pieces.append(source[(index + 1)..<end])
                index = end
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                let triple = index + 2 < count && source[index + 1] == byte && source[index + 2] == byte
                let start = index + (triple ? 3 : 1)
                var end = start
                var close = count
                while end < count {
                    let current = source[end]
                    if current == UInt8(ascii: "\\") {
                        end += 2
                        continue
                    }
                    if !triple, current == 0x0A {
                        close = end
                        break
                    }
                    if current == byte, !triple || (end + 2 < count && source[end + 1] == byte && source[end + 2] == byte) {
                        close = end
                        break
                    }
                    end += 1
                }
                close = min(close, count)
                pieces.append(source[start..<close])
                index = close == count ? count : close + (triple ? 3 : 1)
            } else {
                index += 1
            }
        }
        return pieces
    }

    /// The lower-case ASCII words of a piece of prose: maximal runs of ASCII letters without a
    /// capital (`snake_case` gives *snake* and *case*; `camelCase` and `HTTP` give nothing).
    public static func lowercaseWords(in piece: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) -> Void) {
        var start = piece.startIndex
        var index = piece.startIndex
        var capital = false
        func flush() {
            if index > start, !capital { body(piece[start..<index]) }
        }
        while index < piece.endIndex {
            let byte = piece[index]
            let lower = byte >= 0x61 && byte <= 0x7A
            let upper = byte >= 0x41 && byte <= 0x5A
            if lower || upper {
                if upper { capital = true }
            } else {
                flush()
                start = index + 1
                capital = false
            }
            index += 1
        }
        flush()
    }
}
