/// Guesses the language of untagged code from its content, and whether an unfenced answer is code
/// at all.
///
/// Deliberately conservative: a wrong guess would check code with the wrong parser.
public enum CodeLanguageGuesser {
    /// The most likely language of a code block, or nil when no language stands out.
    public static func guess(_ code: String) -> CodeLanguage? {
        let lines = code.split(separator: "\n").map { $0.drop { $0 == " " || $0 == "\t" } }
        guard !lines.isEmpty else { return nil }
        if let first = lines.first, first.hasPrefix("#!") {
            if first.contains("python") { return .python }
            if first.contains("node") { return .javascript }
            if first.contains("sh") { return .bash }
        }
        let trimmed = CodeExtractor.trimmed(code, where: \.isWhitespace)
        if let first = trimmed.first, let last = trimmed.last, (first == "{" && last == "}") || (first == "[" && last == "]"),
            case .success = JSONParser.parse(trimmed)
        {
            return .json
        }
        var scores: [CodeLanguage: Int] = [:]
        func count(_ language: CodeLanguage, _ weight: Int = 1) { scores[language, default: 0] += weight }
        for line in lines {
            let words = line.split(separator: " ", maxSplits: 2)
            let head = words.first.map(String.init) ?? ""
            let upper = head.uppercased()
            if ["def", "elif", "except", "from"].contains(head) || (head == "class" && line.hasSuffix(":")) || line.hasPrefix("if __name__") {
                count(.python, 3)
            }
            if head == "import", !line.contains("{"), !line.contains(";"), !line.contains("\"") { count(.python); count(.swift) }
            if line.hasSuffix(":"), ["if", "for", "while", "with", "try:", "else:", "return"].contains(head) { count(.python) }
            if line.contains("print(") || line.contains("self.") || line.contains(" None") { count(.python) }
            if ["func", "guard", "struct", "extension", "protocol"].contains(head) || line.contains("-> ") && line.hasSuffix("{") {
                count(.swift, 3)
            }
            if (head == "let" || head == "var") && !line.hasSuffix(";") { count(.swift) }
            if ["function", "const", "var", "let"].contains(head) && line.hasSuffix(";") { count(.javascript, 2); count(.typescript, 2) }
            if line.contains("=>") || line.contains("console.") || line.contains("require(") || line.contains("module.exports") {
                count(.javascript, 2); count(.typescript, 2)
            }
            if ["interface", "type", "enum", "declare", "namespace"].contains(head) || line.contains(": string") || line.contains(": number")
                || line.contains(": boolean")
            {
                count(.typescript, 3)
            }
            if ["echo", "fi", "done", "then", "esac", "export", "sudo", "cd", "apt-get", "apt", "set", "source"].contains(head) || line.contains("${")
            {
                count(.bash, 2)
            }
            if ["SELECT", "INSERT", "CREATE", "UPDATE", "DELETE", "WITH", "DROP", "ALTER", "PRAGMA"].contains(upper), line.contains(" ") {
                count(.sql, 3)
            }
            if head.hasSuffix(":"), head.count > 1, !head.hasPrefix("http"), words.count <= 3, !line.hasSuffix(";") { count(.yaml) }
            if head == "-", !line.hasSuffix(";") { count(.yaml) }
        }
        // YAML's evidence is weak (so is Python's `key: value` look-alike); it must dominate.
        guard let best = scores.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }) else { return nil }
        let runnerUp = scores.filter { $0.key != best.key }.map(\.value).max() ?? 0
        if best.key == .yaml, best.value < max(2, lines.count / 2) { return nil }
        // TypeScript wins over JavaScript only on its own evidence.
        if best.key == .javascript || best.key == .typescript {
            return (scores[.typescript] ?? 0) > (scores[.javascript] ?? 0) ? .typescript : .javascript
        }
        return best.value >= 2 && best.value > runnerUp ? best.key : nil
    }

    /// For an answer without fences: whether it is bare code in the expected language rather than prose.
    public static func looksLikeCode(_ text: String, as language: CodeLanguage) -> Bool {
        guard let first = text.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
        let line = first.drop { $0 == " " || $0 == "\t" }
        let codeMarks: Set<Character> = ["(", ")", "{", "}", "[", "]", "=", ";", "<", ">", "$", "#", "\"", "'", "/", "|", "*", "@", "!"]
        if line.contains(where: { codeMarks.contains($0) }) { return true }
        let words = line.split(separator: " ")
        let proseStart = line.first?.isUppercase == true && words.count >= 4
        let proseEnd = [".", ":", "!", "?", ","].contains(line.last.map(String.init) ?? "")
        if language == .sql, let head = words.first, ["SELECT", "INSERT", "CREATE", "UPDATE", "DELETE", "WITH"].contains(head.uppercased()) {
            return true
        }
        return !(proseStart && proseEnd) && !(words.count >= 8 && proseEnd)
    }

    /// For an answer without fences and without an expected language: a language only on strong
    /// evidence (a JSON document, a shebang line).
    public static func guessBareCode(_ text: String) -> CodeLanguage? {
        let trimmed = CodeExtractor.trimmed(text, where: \.isWhitespace)
        if trimmed.hasPrefix("#!") { return guess(trimmed) }
        if let first = trimmed.first, let last = trimmed.last, (first == "{" && last == "}") || (first == "[" && last == "]") {
            return .json
        }
        return nil
    }
}
