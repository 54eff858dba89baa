import EvalCore
import GRDBSQLite

/// SQL syntax by SQLite's own parser: each statement is compiled with `sqlite3_prepare_v2` against
/// an empty in-memory database.
///
/// A syntax error fails; a reference to a table, column or function
/// that does not exist there is a semantic error and passes.
public struct SQLiteSyntaxChecker: SyntaxChecker {
    public let language = CodeLanguage.sql

    public init() {}

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        snippets.map(Self.verdict)
    }

    /// Messages of SQLite's tokenizer and parser, as opposed to name resolution.
    static func isSyntaxError(_ message: String) -> Bool {
        message.contains("syntax error") || message.hasPrefix("unrecognized token") || message == "incomplete input"
    }

    /// The verdict on one script of statements.
    public static func verdict(_ code: String) -> SyntaxVerdict {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let connection else {
            return .unavailable("cannot open an in-memory SQLite database")
        }
        defer { sqlite3_close_v2(connection) }
        let bytes = Array(code.utf8)
        for (start, end) in statements(bytes) {
            let text = Array(bytes[start..<end]) + [0]
            var statement: OpaquePointer?
            let status = text.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    sqlite3_prepare_v2(connection, $0.baseAddress, Int32(buffer.count - 1), &statement, nil)
                }
            }
            sqlite3_finalize(statement)
            guard status != SQLITE_OK else { continue }
            let message = String(cString: sqlite3_errmsg(connection))
            guard isSyntaxError(message) else { continue }
            let offset = Int(sqlite3_error_offset(connection))
            let (line, column) = position(of: start + max(0, offset), in: bytes)
            return .invalid(SyntaxError(line: line, column: offset >= 0 ? column : nil, message: message))
        }
        return .valid
    }

    /// Byte ranges of the statements: each ends at the first `;` after which SQLite's own
    /// `sqlite3_complete` says the text so far is complete; what follows the last one is a statement too.
    static func statements(_ bytes: [UInt8]) -> [(Int, Int)] {
        var ranges: [(Int, Int)] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x3B {
            let complete = (Array(bytes[start...index]) + [0]).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { sqlite3_complete($0.baseAddress) }
            }
            if complete != 0 {
                ranges.append((start, index + 1))
                start = index + 1
            }
        }
        if bytes[start...].contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) {
            ranges.append((start, bytes.count))
        }
        return ranges
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
