/// A programming or data language whose syntax the code-syntax scorer checks.
public enum CodeLanguage: String, Sendable, CaseIterable, Hashable, Codable {
    case python
    case javascript
    case typescript
    case swift
    case bash
    case json
    case sql
    case yaml

    /// The language named by a fence's info string or a case's `expect.code_language`
    /// (full names and the usual short ones: `py`, `js`, `node`, `ts`, `sh`, `shell`, `yml`…), or nil.
    public init?(name: String) {
        let word = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).first.map(String.init) ?? ""
        switch word {
        case "python", "py", "python3", "py3": self = .python
        case "javascript", "js", "node", "nodejs", "cjs", "mjs", "jsx": self = .javascript
        case "typescript", "ts", "tsx": self = .typescript
        case "swift": self = .swift
        case "bash", "sh", "shell", "console-bash": self = .bash
        case "json": self = .json
        case "sql", "sqlite", "sqlite3": self = .sql
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }
}
