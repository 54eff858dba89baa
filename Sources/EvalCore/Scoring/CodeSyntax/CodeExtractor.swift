/// Finds the code in an answer: Markdown fenced blocks (backticks or tildes, CommonMark rules for
/// opening and closing fences), or, when there are none, the whole answer if it is bare code.
public enum CodeExtractor {
    /// The code blocks of an answer, in order.
    ///
    /// - Parameters:
    ///   - text: The answer.
    ///   - expected: The case's `expect.code_language`, used for untagged fences and bare code.
    public static func blocks(in text: String, expected: CodeLanguage?) -> [CodeBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var blocks: [CodeBlock] = []
        var index = 0
        while index < lines.count {
            guard let fence = Fence(opening: lines[index]) else {
                index += 1
                continue
            }
            var body: [Substring] = []
            var closed = false
            var cursor = index + 1
            while cursor < lines.count {
                if fence.isClosed(by: lines[cursor]) {
                    closed = true
                    break
                }
                body.append(fence.indent > 0 ? Self.dropIndent(lines[cursor], upTo: fence.indent) : lines[cursor])
                cursor += 1
            }
            let code = body.joined(separator: "\n")
            let tag = fence.info.isEmpty ? nil : fence.info
            let language = tag.flatMap(CodeLanguage.init(name:)) ?? (tag == nil ? expected ?? CodeLanguageGuesser.guess(code) : nil)
            // A tag naming another language (`text`, `console`, `diff`, `rust`…) is not checked.
            if language != nil || tag == nil {
                blocks.append(CodeBlock(code: code, tag: tag, language: language, firstLine: index + 2, isClosed: closed))
            }
            index = cursor + 1
        }
        if blocks.isEmpty, !lines.contains(where: { Fence(opening: $0) != nil }) {
            let trimmed = Self.trimmed(text, where: \.isWhitespace)
            if !trimmed.isEmpty {
                if let expected, CodeLanguageGuesser.looksLikeCode(text, as: expected) {
                    blocks.append(CodeBlock(code: text, language: expected, firstLine: 1))
                } else if expected == nil, let guessed = CodeLanguageGuesser.guessBareCode(text) {
                    blocks.append(CodeBlock(code: text, language: guessed, firstLine: 1))
                }
            }
        }
        return blocks
    }

    static func trimmed(_ text: some StringProtocol, where isSpace: (Character) -> Bool) -> String {
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }

    static func dropIndent(_ line: Substring, upTo count: Int) -> Substring {
        var line = line
        var removed = 0
        while removed < count, line.first == " " {
            line = line.dropFirst()
            removed += 1
        }
        return line
    }

    /// An opening code fence: up to three spaces, then three or more backticks or tildes.
    struct Fence {
        var character: Character
        var length: Int
        var indent: Int
        var info: String

        init?(opening line: Substring) {
            var rest = line[...]
            var indent = 0
            while rest.first == " ", indent < 4 {
                rest = rest.dropFirst()
                indent += 1
            }
            guard indent < 4, let first = rest.first, first == "`" || first == "~" else { return nil }
            let run = rest.prefix { $0 == first }
            guard run.count >= 3 else { return nil }
            let info = CodeExtractor.trimmed(rest.dropFirst(run.count)) { $0 == " " || $0 == "\t" }
            // CommonMark: a backtick fence's info string may not contain backticks.
            if first == "`", info.contains("`") { return nil }
            self.character = first
            self.length = run.count
            self.indent = indent
            self.info = info
        }

        func isClosed(by line: Substring) -> Bool {
            var rest = line[...]
            var indent = 0
            while rest.first == " ", indent < 4 {
                rest = rest.dropFirst()
                indent += 1
            }
            guard indent < 4 else { return false }
            let run = rest.prefix { $0 == character }
            return run.count >= length && rest.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
        }
    }
}
