import Synchronization

/// The store's SQL with SQLite's parameters (`?`, `?NNN`) numbered as PostgreSQL's (`$1` …).
///
/// Numbered as SQLite numbers them: `?NNN` is parameter NNN, and a bare `?` is one more than the
/// largest number so far. Quoted strings and identifiers are left alone.
enum PostgresPlaceholders {
    private static let cache = Mutex<[String: String]>([:])

    /// The translated SQL (remembered: the store runs a few hundred distinct statements).
    static func numbered(_ sql: String) -> String {
        if let known = cache.withLock({ $0[sql] }) { return known }
        let translated = translate(sql)
        cache.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[sql] = translated
        }
        return translated
    }

    static func translate(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var largest = 0
        var quote: Character?
        var characters = sql.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if let open = quote {
                output.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                output.append(character)
            case "?":
                var digits = ""
                while let next = pending, next.isASCII, next.isNumber {
                    digits.append(next)
                    pending = characters.next()
                }
                let number = Int(digits) ?? largest + 1
                largest = max(largest, number)
                output += "$\(number)"
            default:
                output.append(character)
            }
        }
        return output
    }
}
