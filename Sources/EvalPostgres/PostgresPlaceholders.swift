import Synchronization

/// The store's SQL with SQLite's parameters (`?`, `?NNN`) numbered as PostgreSQL's (`$1` …).
///
/// Numbered as SQLite numbers them: `?NNN` is parameter NNN, and a bare `?` is one more than the
/// largest number so far. Quoted strings and identifiers are left alone.
enum PostgresPlaceholders {
    private static let cache = Mutex<[String: String]>([:])

    /// The translated SQL; short statements (the store's few hundred queries) are remembered,
    /// long ones (multi-row inserts, a different length each) are not.
    static func numbered(_ sql: String) -> String {
        let remembered = sql.utf8.count <= 4096
        if remembered, let known = cache.withLock({ $0[sql] }) { return known }
        let translated = translate(sql)
        if remembered {
            cache.withLock { cache in
                if cache.count > 1024 { cache.removeAll() }
                cache[sql] = translated
            }
        }
        return translated
    }

    static func translate(_ sql: String) -> String {
        let question = UInt8(ascii: "?")
        let apostrophe = UInt8(ascii: "'")
        let doubleQuote = UInt8(ascii: "\"")
        var output: [UInt8] = []
        output.reserveCapacity(sql.utf8.count + sql.utf8.count / 4)
        var largest = 0
        var quote: UInt8?
        let bytes = Array(sql.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                output.append(byte)
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case apostrophe, doubleQuote:
                quote = byte
                output.append(byte)
            case question:
                var number = 0
                var digits = 0
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    digits += 1
                    index += 1
                }
                if digits == 0 { number = largest + 1 }
                largest = max(largest, number)
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(number).utf8)
            default:
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
