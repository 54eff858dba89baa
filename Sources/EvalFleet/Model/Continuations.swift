/// Counts of the tokens that followed one context in the training text.
struct Continuations: Sendable {
    var tokens: [Int32] = []
    var counts: [Float] = []
    var total: Float = 0

    mutating func add(_ token: Int32) {
        if let index = tokens.firstIndex(of: token) {
            counts[index] += 1
        } else {
            tokens.append(token)
            counts.append(1)
        }
        total += 1
    }

    /// Keeps the `k` most frequent continuations (for unigram tables).
    func top(_ k: Int) -> Continuations {
        let order = tokens.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : tokens[$0] < tokens[$1] }.prefix(k)
        var result = Continuations()
        for index in order {
            result.tokens.append(tokens[index])
            result.counts.append(counts[index])
            result.total += counts[index]
        }
        return result
    }
}

/// Four-gram, trigram, bigram and unigram counts of a body of text.
struct NGramTables: Sendable {
    var fourgrams: [UInt64: Continuations] = [:]
    var trigrams: [UInt64: Continuations] = [:]
    var bigrams: [Int32: Continuations] = [:]
    var unigrams = Continuations()

    static func key(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b)) }

    /// Packs three token ids of at most 21 bits each.
    static func key(_ a: Int32, _ b: Int32, _ c: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a) & 0x1F_FFFF) << 42 | UInt64(UInt32(bitPattern: b) & 0x1F_FFFF) << 21 | UInt64(UInt32(bitPattern: c) & 0x1F_FFFF)
    }

    /// Adds one sequence that starts after three beginning-of-text markers and ends with `eos`.
    mutating func add(sequence: [Int32], bos: Int32, eos: Int32) {
        var z = bos
        var a = bos
        var b = bos
        for token in sequence + [eos] {
            fourgrams[Self.key(z, a, b), default: Continuations()].add(token)
            trigrams[Self.key(a, b), default: Continuations()].add(token)
            bigrams[b, default: Continuations()].add(token)
            unigrams.add(token)
            z = a
            a = b
            b = token
        }
    }
}
