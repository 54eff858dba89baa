import EvalCore
import Foundation

/// The small language model behind the simulated fleet.
///
/// It retrieves the corpus document that best answers a prompt, then generates token by token
/// from an interpolated mixture: the document's four-grams, trigrams and bigrams, then trigrams, bigrams and
/// frequent unigrams of every document in the same language. The result is a real next-token
/// distribution at every step: greedy decoding reproduces the document, sampling wanders off it
/// now and then, within the same language, and temperature and top-p change what comes out.
///
/// While the text generated so far follows the document, a pointer to the document's next token
/// takes most of the mass (a stand-in for the long context a real model attends to); after a
/// deviation the pointer re-aligns at the next place where the last three tokens occur.
public final class FleetLanguageModel: Sendable {
    /// Token texts by id.
    ///
    /// Id 0 is the end of text, id 1 the beginning-of-text marker.
    public let vocabulary: [String]
    let ids: [String: Int32]
    let documents: [CorpusDocument]
    let documentTables: [NGramTables]
    /// Each document's token ids, ending with the end-of-text token.
    let documentTokens: [[Int32]]
    /// For each document, the positions that follow each three-token context.
    let documentPositions: [[UInt64: [Int32]]]
    let groupTables: [String: NGramTables]
    let groupUnigrams: [String: Continuations]
    /// Per language group, every token's unigram log-probability (how teacher forcing reads prompts).
    let groupUnigramLogprobs: [String: [Int32: Double]]
    let retrieval: RetrievalIndex
    /// Per language group, tokens of scripts the group never uses: what token corruption picks from.
    let foreignTokens: [String: [Int32]]
    /// Prompts read by teacher forcing, by text.
    let promptReadings = Memo<String, PromptReading>(capacity: 256)
    /// The document each question retrieves (every sample of a case asks the same one).
    let retrievedDocuments = Memo<String, Int>(capacity: 4_096)
    /// Next-token mixtures by context, before a platform's numerics perturb them.
    let distributions = Memo<DistributionKey, TokenDistribution>(capacity: 65_536)
    /// Tokens that break code when they appear where they should not (brackets, quotes, colons).
    let codeBreakers: [Int32]

    static let eos: Int32 = 0
    static let bos: Int32 = 1

    /// Share of the mass on the document's next token while the text is aligned with the document.
    static let pointerWeight = 0.8
    /// The same on the misconfigured long-context pool, whose answers to short prompts wander more.
    static let longContextPointerWeight = 0.45

    /// Mixture weights of the n-gram components; absent components' weight goes to the others.
    static let weights = (
        documentFourgram: 0.78, documentTrigram: 0.08, documentBigram: 0.04, groupTrigram: 0.05, groupBigram: 0.03, groupUnigram: 0.02
    )

    /// Trains the model on a corpus.
    public init(corpus: [CorpusDocument]) {
        var vocabulary = ["<|endoftext|>", "<|bos|>"]
        var ids: [String: Int32] = [vocabulary[0]: 0, vocabulary[1]: 1]
        var documentTables: [NGramTables] = []
        var documentTokens: [[Int32]] = []
        var documentPositions: [[UInt64: [Int32]]] = []
        var groupTables: [String: NGramTables] = [:]
        for document in corpus {
            let sequence = FleetTokenizer.tokenize(document.text).map { token -> Int32 in
                if let id = ids[token] { return id }
                let id = Int32(vocabulary.count)
                vocabulary.append(token)
                ids[token] = id
                return id
            }
            var tables = NGramTables()
            tables.add(sequence: sequence, bos: Self.bos, eos: Self.eos)
            documentTables.append(tables)
            let padded = [Self.bos, Self.bos, Self.bos] + sequence + [Self.eos]
            var positions: [UInt64: [Int32]] = [:]
            for next in 3..<padded.count {
                positions[NGramTables.key(padded[next - 3], padded[next - 2], padded[next - 1]), default: []].append(Int32(next - 3))
            }
            documentTokens.append(sequence + [Self.eos])
            documentPositions.append(positions)
            groupTables[document.group, default: NGramTables()].add(sequence: sequence, bos: Self.bos, eos: Self.eos)
        }
        self.vocabulary = vocabulary
        self.ids = ids
        self.documents = corpus
        self.documentTables = documentTables
        self.documentTokens = documentTokens
        self.documentPositions = documentPositions
        self.groupTables = groupTables
        self.groupUnigrams = groupTables.mapValues { $0.unigrams.top(48) }
        self.groupUnigramLogprobs = groupTables.mapValues { tables in
            let total = Double(tables.unigrams.total)
            return Dictionary(zip(tables.unigrams.tokens, tables.unigrams.counts.map { log(Double($0) / total) }), uniquingKeysWith: max)
        }
        self.retrieval = RetrievalIndex(documents: corpus)
        var scriptsByGroup: [String: Set<UInt32>] = [:]
        var tokenScript: [Int32: UInt32] = [:]
        for (index, token) in vocabulary.enumerated() {
            guard let first = token.unicodeScalars.first(where: { $0 != " " }), first.value >= 0x370, first.properties.isAlphabetic else { continue }
            tokenScript[Int32(index)] = Self.scriptBlock(first.value)
        }
        for (document, tables) in zip(corpus, documentTables) {
            for token in tables.unigrams.tokens {
                if let script = tokenScript[token] { scriptsByGroup[document.group, default: []].insert(script) }
            }
        }
        var foreign: [String: [Int32]] = [:]
        for group in Set(corpus.map(\.group)) {
            let own = scriptsByGroup[group] ?? []
            foreign[group] = tokenScript.filter { !own.contains($0.value) }.map(\.key).sorted()
        }
        self.foreignTokens = foreign
        self.codeBreakers = [")", "}", "]", ":", "\"", "'", "(", "{", ";", ","].compactMap { ids[$0] }
    }

    /// A coarse script key (the 256-scalar block, with CJK ideographs as one), enough to tell scripts apart.
    static func scriptBlock(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x3400...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: 0x4E00
        case 0xAC00...0xD7AF: 0xAC00
        default: value >> 8
        }
    }

    /// The model trained on the corpus that ships with evalctl.
    public static let shared = FleetLanguageModel(corpus: FleetCorpus.documents)

    /// The document the model answers a prompt from.
    public func document(for prompt: Prompt) -> Int {
        let question = Self.retrievalText(of: prompt)
        return retrievedDocuments.value(for: question) { retrieval.best(for: question) }
    }

    /// The part of a prompt that retrieval looks at: the end of the last user message, where
    /// the question is (long-context prompts put their material first).
    static func retrievalText(of prompt: Prompt) -> String {
        let last = prompt.chatMessages.last { $0.role == .user }?.content ?? prompt.flattened
        guard let paragraphBreak = last.range(of: "\n\n", options: .backwards) else { return last }
        let tail = last[paragraphBreak.upperBound...]
        return tail.count >= 12 ? String(tail) : last
    }

    /// The model's next-token distribution after a context, answering from a document.
    ///
    /// - Parameters:
    ///   - z: The third token from the end (or the beginning marker).
    ///   - a: The token before last (or the beginning marker).
    ///   - b: The last token (or the beginning marker).
    ///   - document: The index of the document answered from.
    ///   - pointer: The aligned position in the document, if any.
    func distribution(after z: Int32, _ a: Int32, _ b: Int32, document: Int, pointer: Int?, pointerWeight: Double = pointerWeight)
        -> TokenDistribution
    {
        // Samples of a case walk the same contexts, and the reference's replay of an answer walks
        // the contexts its generation did: the mixture is built once per context.
        let key = DistributionKey(z: z, a: a, b: b, document: Int32(document), pointer: Int32(pointer ?? -1), pointerWeight: pointerWeight)
        return distributions.value(for: key) {
            mixture(after: z, a, b, document: document, pointer: pointer, pointerWeight: pointerWeight).ranked()
        }
    }

    private func mixture(after z: Int32, _ a: Int32, _ b: Int32, document: Int, pointer: Int?, pointerWeight: Double) -> TokenDistribution {
        let group = documents[document].group
        let docTables = documentTables[document]
        let key = NGramTables.key(a, b)
        // While aligned, the pointer stands for the document; the rest of the mass goes to the
        // language's n-grams, which is where sampling finds its alternatives.
        let aligned = pointer.map { $0 < documentTokens[document].count } ?? false
        var components: [(Double, Continuations)] = []
        if !aligned {
            if let c = docTables.fourgrams[NGramTables.key(z, a, b)] { components.append((Self.weights.documentFourgram, c)) }
            if let c = docTables.trigrams[key] { components.append((Self.weights.documentTrigram, c)) }
            if let c = docTables.bigrams[b] { components.append((Self.weights.documentBigram, c)) }
        }
        if let tables = groupTables[group] {
            if let c = tables.trigrams[key] { components.append((Self.weights.groupTrigram, c)) }
            if let c = tables.bigrams[b] { components.append((Self.weights.groupBigram, c)) }
        }
        if let c = groupUnigrams[group] { components.append((Self.weights.groupUnigram, c)) }
        let totalWeight = components.reduce(0) { $0 + $1.0 }
        // Every component's share of each token, in component order; a stable sort by token then
        // adds each token's shares in that same order.
        var shares: [(token: Int32, mass: Double)] = []
        shares.reserveCapacity(components.reduce(1) { $0 + $1.1.tokens.count })
        var ngramShare = 1.0
        if aligned, let pointer {
            shares.append((documentTokens[document][pointer], pointerWeight))
            ngramShare = 1 - pointerWeight
        }
        for (weight, continuations) in components {
            let scale = ngramShare * weight / totalWeight / Double(continuations.total)
            for (token, count) in zip(continuations.tokens, continuations.counts) where token != Self.bos {
                shares.append((token, scale * Double(count)))
            }
        }
        shares.sort { $0.token < $1.token }
        var tokens: [Int] = []
        var logprobs: [Double] = []
        tokens.reserveCapacity(shares.count)
        logprobs.reserveCapacity(shares.count)
        var index = 0
        while index < shares.count {
            let token = shares[index].token
            var mass = 0.0
            while index < shares.count, shares[index].token == token {
                mass += shares[index].mass
                index += 1
            }
            tokens.append(Int(token))
            logprobs.append(log(mass))
        }
        return TokenDistribution(tokens: tokens, logprobs: logprobs)
    }

    /// Where the pointer goes after `token` was generated in context (z, a) following `pointer`:
    /// one step on if the token was the document's, else the first place after (or, failing
    /// that, before) the old position where the last three tokens occur, else nowhere.
    func advance(pointer: Int?, token: Int32, context: (Int32, Int32, Int32), document: Int) -> Int? {
        if let pointer, pointer < documentTokens[document].count, documentTokens[document][pointer] == token {
            return pointer + 1
        }
        guard let candidates = documentPositions[document][NGramTables.key(context.0, context.1, context.2)] else { return nil }
        let floor = pointer ?? 0
        return Int(candidates.first { Int($0) >= floor } ?? candidates[0])
    }

    /// The token id of a text, if it is in the vocabulary.
    func id(of token: String) -> Int32? { ids[token] }
}

/// A context of the model's next-token mixture.
struct DistributionKey: Hashable, Sendable {
    var z: Int32
    var a: Int32
    var b: Int32
    var document: Int32
    var pointer: Int32
    var pointerWeight: Double
}
