/// Finds text in the wrong script or the wrong language, in one pass over the UTF-8 bytes.
///
/// **Script intrusions**: any letter of a script the expected language is not written in, from a
/// single character inside a word upward. Latin letters are allowed everywhere (technical words,
/// names), and a single Greek letter standing alone or before a short unit (α, σ², 40 μs),
/// since those are mathematics. Digits, punctuation, symbols, emoji and combining marks belong
/// to no language.
///
/// **Same-script intrusions** (languages written in Latin script): each word is looked up in a
/// ``Lexicon``, and each other language K is tried in turn: words only K's list has count +1,
/// words only the expected language's list has count −1; a stretch reaching 2 in which K's words
/// dominate is a phrase in K (see `findForeignPhrases`). Capitalised words inside a sentence (names),
/// acronyms and identifier-like words (next to `_`, `/`, `@`, digits, dotted names) count 0,
/// so that Zürich, São Paulo, HTTP and `config.yaml` never count as foreign.
///
/// Fenced code blocks and inline code are skipped: code is the code-syntax scorer's business.
public struct LanguageMixDetector: Sendable {
    /// The word lists for same-script detection; `nil` checks scripts only.
    public let lexicon: Lexicon?

    /// Creates a detector.
    public init(lexicon: Lexicon?) {
        self.lexicon = lexicon
    }

    /// Analyses a text.
    ///
    /// - Parameters:
    ///   - text: The answer.
    ///   - language: The expected language tag (`en`, `pt-BR`, …).
    /// - Returns: The verdict, with spans in text order.
    public func analyze(_ text: String, language: String) -> LanguageMixResult {
        guard let profile = LanguageProfile.named(language) else {
            return LanguageMixResult(passed: nil, value: 0, spans: [], language: language, note: "unknown language '\(language)'")
        }
        var expectedBit: UInt16?
        var note: String?
        if profile.isLatinScript {
            if let lexicon, let bit = lexicon.bit(of: profile.code) {
                expectedBit = bit
            } else {
                note = "no word list for '\(profile.code)': same-script intrusions not checked"
            }
        }
        var copy = text
        let analysis = copy.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, profile: profile, lexicon: expectedBit == nil ? nil : lexicon, expectedBit: expectedBit ?? 0)
            scanner.run()
            return scanner.finish()
        }
        var spans: [LanguageMixSpan] = []
        spans.reserveCapacity(analysis.spans.count)
        for raw in analysis.spans {
            let utf8 = text.utf8
            let slice = utf8[utf8.index(utf8.startIndex, offsetBy: raw.startByte)..<utf8.index(utf8.startIndex, offsetBy: raw.endByte)]
            spans.append(LanguageMixSpan(start: raw.start, end: raw.end, text: String(decoding: slice, as: UTF8.self), kind: raw.kind, found: raw.found))
        }
        spans.sort { $0.start < $1.start }
        let value = analysis.letters == 0 ? (spans.isEmpty ? 0 : 1) : min(1, Double(analysis.flaggedLetters) / Double(analysis.letters))
        return LanguageMixResult(passed: spans.isEmpty, value: value, spans: spans, language: profile.code, note: note)
    }
}

extension LanguageMixDetector {
    struct RawSpan {
        var start: Int
        var end: Int
        var startByte: Int
        var endByte: Int
        var kind: LanguageMixSpan.Kind
        var found: String
    }

    struct Analysis {
        var spans: [RawSpan]
        var letters: Int
        var flaggedLetters: Int
    }

    /// One Latin word, for the same-script pass (24 bytes: texts are scanned by the megabyte).
    struct Word {
        var startScalar: UInt32
        var endScalar: UInt32
        var startOffset: UInt32
        var endOffset: UInt32
        /// Languages whose lists have the word; 0 for words that carry no evidence.
        var languages: UInt16
        /// Languages for which the word is a function word.
        var function: UInt16
        /// A capitalised word inside a sentence: perhaps a name, so half evidence.
        var halfWeight: Bool
        /// Starts with a capital letter.
        var capitalized: Bool
        var letterCount: UInt16

        var start: Int { Int(startScalar) }
        var end: Int { Int(endScalar) }
        var startByte: Int { Int(startOffset) }
        var endByte: Int { Int(endOffset) }
        var letters: Int { Int(letterCount) }
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let profile: LanguageProfile
        /// The word lists (empty when same-script detection is off: see `usesLexicon`).
        let lexicon: Lexicon
        let usesLexicon: Bool
        let expectedBit: UInt16
        let allowed: UInt64
        /// Cached from the lexicon, read per word.
        let functionWordLanguages: UInt16
        let languageCount: Int

        var i = 0
        var scalar = 0
        var letters = 0
        var flaggedLetters = 0
        var spans: [RawSpan] = []
        var words: [Word] = []
        /// One per word of `words`, until `lookUpWords` resolves them.
        var lookups: [Lookup] = []
        var lineStart = true
        var inFence = false
        var sentenceStart = true
        /// The scalar before the current position, and the one before it.
        var previous: UInt32 = 0x0A
        var previous2: UInt32 = 0x0A
        /// The open script span, if the last letters intruded.
        var open: RawSpan?
        var openScript: Script = .common
        var openLetters = 0

        init(bytes: UnsafeBufferPointer<UInt8>, profile: LanguageProfile, lexicon: Lexicon?, expectedBit: UInt16) {
            self.bytes = bytes
            self.profile = profile
            self.lexicon = lexicon ?? Self.empty
            self.usesLexicon = lexicon != nil
            self.expectedBit = expectedBit
            self.allowed = profile.allowedMask
            self.functionWordLanguages = lexicon?.functionWordLanguages ?? 0
            self.languageCount = lexicon?.languages.count ?? 0
            if usesLexicon {
                words.reserveCapacity(bytes.count / 5 + 8)
                lookups.reserveCapacity(bytes.count / 5 + 8)
            }
        }

        // MARK: - Decoding

        @inline(__always)
        func decode(at index: Int) -> (value: UInt32, length: Int) {
            let b0 = UInt32(bytes[index])
            if b0 < 0x80 { return (b0, 1) }
            if b0 < 0xE0, index + 1 < bytes.count { return ((b0 & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
            if b0 < 0xF0, index + 2 < bytes.count {
                return ((b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
            }
            if index + 3 < bytes.count {
                return ((b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), 4)
            }
            return (0xFFFD, 1)
        }

        @inline(__always)
        mutating func advance(_ value: UInt32, _ length: Int) {
            i += length
            scalar += 1
            previous2 = previous
            previous = value
        }

        @inline(__always)
        static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

        @inline(__always)
        static func isCombiningMark(_ v: UInt32) -> Bool {
            (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
                || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v)
        }

        @inline(__always)
        func isAllowed(_ script: Script) -> Bool { allowed & (1 << UInt64(script.rawValue)) != 0 }

        // MARK: - Main loop

        mutating func run() {
            while i < bytes.count {
                if lineStart {
                    lineStart = false
                    if atFence() {
                        inFence.toggle()
                        skipLine()
                        continue
                    }
                }
                if inFence {
                    skipLine()
                    continue
                }
                let b = bytes[i]
                if b < 0x80 {
                    if Self.isASCIILetter(b) {
                        latinWord()
                    } else if b == 0x60 {
                        inlineCode()
                    } else {
                        // Spaces, digits, punctuation: the common case, inlined.
                        if open != nil { closeOpen() }
                        switch b {
                        case 0x0A:
                            lineStart = true
                            sentenceStart = true
                        case 0x2E, 0x21, 0x3F, 0x3A:
                            sentenceStart = true
                        default:
                            break
                        }
                        previousWasOpenLetter = false
                        previous2 = previous
                        previous = UInt32(b)
                        i += 1
                        scalar += 1
                    }
                    continue
                }
                let (value, length) = decode(at: i)
                let script = ScriptTable.script(of: value)
                switch script {
                case .latin:
                    latinWord()
                case .common:
                    if Self.isCombiningMark(value), open != nil, previousWasOpenLetter {
                        extendOpen(through: i + length, scalarEnd: scalar + 1)
                    } else {
                        punctuation(value)
                    }
                    advance(value, length)
                default:
                    if isAllowed(script) {
                        closeOpen()
                        letters += 1
                        sentenceStart = false
                        advance(value, length)
                    } else if script == .greek {
                        greekRun()
                    } else {
                        intrude(script, value: value, length: length)
                    }
                }
            }
            closeOpen()
        }

        var previousWasOpenLetter = false

        static let empty = Lexicon(languages: [], capacity: 1)

        mutating func finish() -> Analysis {
            if usesLexicon {
                lookUpWords()
                findForeignPhrases()
            }
            return Analysis(spans: spans, letters: letters, flaggedLetters: flaggedLetters)
        }

        // MARK: - Code

        /// Whether the line starting at `i` opens or closes a fence (``` or ~~~ after up to three spaces).
        func atFence() -> Bool {
            var j = i
            while j < bytes.count, bytes[j] == 0x20, j - i < 3 { j += 1 }
            guard j + 2 < bytes.count else { return false }
            let c = bytes[j]
            return (c == 0x60 || c == 0x7E) && bytes[j + 1] == c && bytes[j + 2] == c
        }

        mutating func skipLine() {
            closeOpen()
            while i < bytes.count {
                let b = bytes[i]
                if b & 0xC0 != 0x80 { scalar += 1 }
                i += 1
                if b == 0x0A { break }
            }
            previous = 0x0A
            previous2 = 0x0A
            lineStart = true
            sentenceStart = true
        }

        /// Skips `code` up to the closing backtick on the same line; a lone backtick is punctuation.
        mutating func inlineCode() {
            var j = i + 1
            var scalars = 1
            while j < bytes.count, bytes[j] != 0x60, bytes[j] != 0x0A {
                if bytes[j] & 0xC0 != 0x80 { scalars += 1 }
                j += 1
            }
            // Markdown code hugs its backticks (`x`); GNU-style quoting (` x ') and lone backticks do not.
            guard j < bytes.count, bytes[j] == 0x60, j > i + 1, bytes[i + 1] != 0x20, bytes[j - 1] != 0x20 else {
                punctuation(0x60)
                advance(0x60, 1)
                return
            }
            closeOpen()
            i = j + 1
            scalar += scalars + 1
            previous2 = previous
            previous = 0x60
        }

        // MARK: - Non-letters

        @inline(__always)
        mutating func punctuation(_ value: UInt32) {
            switch value {
            case 0x0A:
                lineStart = true
                sentenceStart = true
            case 0x2E, 0x21, 0x3F, 0x3A, 0x3002, 0xFF01, 0xFF1F, 0x2022:
                sentenceStart = true
            default:
                break
            }
            previousWasOpenLetter = false
        }

        // MARK: - Script intrusions

        mutating func intrude(_ script: Script, value: UInt32, length: Int) {
            if let current = open, openScript == script, scalar - current.end <= 3 {
                extendOpen(through: i + length, scalarEnd: scalar + 1)
            } else {
                closeOpen()
                open = RawSpan(start: scalar, end: scalar + 1, startByte: i, endByte: i + length, kind: .script, found: script.name)
                openScript = script
                openLetters = 0
            }
            openLetters += 1
            letters += 1
            sentenceStart = false
            previousWasOpenLetter = true
            advance(value, length)
        }

        @inline(__always)
        mutating func extendOpen(through byteEnd: Int, scalarEnd: Int) {
            open?.endByte = byteEnd
            open?.end = scalarEnd
        }

        mutating func closeOpen() {
            if let span = open {
                spans.append(span)
                flaggedLetters += openLetters
                open = nil
                openLetters = 0
            }
            previousWasOpenLetter = false
        }

        /// A run of Greek letters: mathematics when short and standing alone, an intrusion otherwise.
        mutating func greekRun() {
            let afterLetter = Self.isLetter(previous)
            var j = i
            var count = 0
            while j < bytes.count {
                let (value, length) = decode(at: j)
                if ScriptTable.script(of: value) == .greek {
                    count += 1
                    j += length
                } else if Self.isCombiningMark(value) {
                    j += length
                } else {
                    break
                }
            }
            // Up to three Latin letters may follow (units: μs, μm, Ωcm), then no letter.
            var k = j
            var trailing = 0
            while k < bytes.count, Self.isASCIILetter(bytes[k]), trailing < 4 {
                k += 1
                trailing += 1
            }
            let followedByWord = trailing > 3 || (k < bytes.count && bytes[k] >= 0x80 && Self.isLetter(decode(at: k).value))
            if count == 1 && !afterLetter && !followedByWord {
                closeOpen()
                while i < j {
                    let (value, length) = decode(at: i)
                    advance(value, length)
                }
                letters += count
                sentenceStart = false
                return
            }
            while i < j {
                let (value, length) = decode(at: i)
                if ScriptTable.script(of: value) == .greek {
                    intrude(.greek, value: value, length: length)
                } else {
                    extendOpen(through: i + length, scalarEnd: scalar + 1)
                    advance(value, length)
                }
            }
        }

        static func isLetter(_ value: UInt32) -> Bool {
            if value < 0x80 { return isASCIILetter(UInt8(value)) }
            return ScriptTable.script(of: value) != .common
        }

        // MARK: - Latin words

        mutating func latinWord() {
            closeOpen()
            let startByte = i
            let startScalar = scalar
            let before = previous
            let beforeBefore = previous2
            var hasher = WordHasher()
            let hashing = usesLexicon
            var apostrophe = false
            var count = 0
            var upper = 0
            var firstUpper = false
            // Locals, not `self.i`/`self.scalar`: the loop runs per byte and must stay in registers.
            let bytes = self.bytes
            let end = bytes.count
            var k = i
            var scalars = scalar
            while k < end {
                let b = bytes[k]
                if b < 0x80 {
                    if Self.isASCIILetter(b) {
                        if b < 0x61 {
                            upper += 1
                            if count == 0 { firstUpper = true }
                        }
                        if hashing { hasher.appendASCII(b) }
                        count += 1
                        k += 1
                        scalars += 1
                        continue
                    }
                    if b == 0x27, count > 0, k + 1 < end, Self.isASCIILetter(bytes[k + 1]) || bytes[k + 1] >= 0xC0 {
                        hasher.appendASCII(b)
                        apostrophe = true
                        k += 1
                        scalars += 1
                        continue
                    }
                    break
                }
                let (value, length) = decode(at: k)
                if value == 0x2019, count > 0, k + length < end, Self.isASCIILetter(bytes[k + length]) || bytes[k + length] >= 0xC0 {
                    hasher.appendASCII(0x27)
                    apostrophe = true
                    k += length
                    scalars += 1
                    continue
                }
                let script = ScriptTable.script(of: value)
                guard script == .latin || (Self.isCombiningMark(value) && count > 0) else { break }
                if script == .latin {
                    let lower = WordHasher.latinLowercase(value)
                    if lower.map({ $0 != value }) ?? (Unicode.Scalar(value)?.properties.isUppercase ?? false) {
                        upper += 1
                        if count == 0 { firstUpper = true }
                    }
                    count += 1
                }
                hasher.append(value: value)
                k += length
                scalars += 1
            }
            i = k
            scalar = scalars
            // The loop advanced without tracking the previous scalars: restore them.
            if i > startByte {
                var k = i - 1
                while k > startByte, bytes[k] & 0xC0 == 0x80 { k -= 1 }
                previous2 = k > startByte ? 0x61 : before
                previous = decode(at: k).value
            }
            letters += count
            let wasSentenceStart = sentenceStart
            sentenceStart = false
            guard usesLexicon else { return }
            // Identifier-like words, acronyms and names inside a sentence carry no evidence.
            let after: UInt32 = i < bytes.count ? decode(at: i).value : 0x0A
            let afterAfter: UInt32 = i + 1 < bytes.count && after < 0x80 ? UInt32(bytes[i + 1]) : 0x20
            let isAcronym = upper >= 2 && upper * 2 >= count
            let neutral = Self.isIdentifierContext(before, beforeBefore, after, afterAfter) || isAcronym || (count < 2 && !apostrophe)
            // The word lists are looked up after the scan, all at once (see `lookUpWords`).
            lookups.append(
                Lookup(
                    hash: hasher.value, exact: !neutral && upper > 0 ? hash(from: startByte, to: i, exact: true) : 0,
                    flags: neutral ? 0 : Lookup.wanted | (upper > 0 ? Lookup.hasExact : 0) | (apostrophe ? Lookup.apostrophe : 0)
                )
            )
            words.append(
                Word(
                    startScalar: UInt32(truncatingIfNeeded: startScalar), endScalar: UInt32(truncatingIfNeeded: scalar),
                    startOffset: UInt32(truncatingIfNeeded: startByte), endOffset: UInt32(truncatingIfNeeded: i), languages: 0,
                    function: 0, halfWeight: firstUpper && !wasSentenceStart, capitalized: firstUpper,
                    letterCount: UInt16(clamping: count)
                )
            )
        }

        /// A word's pending look-up in the word lists.
        struct Lookup {
            var hash: UInt64
            var exact: UInt64
            var flags: UInt8
            static let wanted: UInt8 = 1
            static let hasExact: UInt8 = 2
            static let apostrophe: UInt8 = 4
        }

        /// Fills in every word's languages. Each look-up is about one cache miss in a table of
        /// millions of forms; done in one tight loop of independent loads rather than one per word
        /// in the middle of the scan, the processor overlaps the misses.
        mutating func lookUpWords() {
            lookups.withUnsafeBufferPointer { lookups in
                words.withUnsafeMutableBufferPointer { words in
                    for j in 0..<lookups.count where lookups[j].flags & Lookup.wanted != 0 {
                        var (bits, function) = lexicon.entry(ofHash: lookups[j].hash)
                        if lookups[j].flags & Lookup.hasExact != 0 { bits |= lexicon.languages(ofHash: lookups[j].exact) }
                        words[j].languages = bits
                        words[j].function = function
                    }
                }
            }
            // Rare: a word with an apostrophe that the lists lack whole (l'homme, don't) is looked up by its parts.
            for j in lookups.indices where lookups[j].flags & Lookup.apostrophe != 0 && words[j].languages == 0 {
                let (start, end) = (words[j].startByte, words[j].endByte)
                var (bits, function) = lexicon.entry(ofHash: hash(from: start, to: end, part: .afterApostrophe))
                if bits == 0 { (bits, function) = lexicon.entry(ofHash: hash(from: start, to: end, part: .beforeApostrophe)) }
                words[j].languages = bits
                words[j].function = function
            }
        }

        enum WordPart { case whole, beforeApostrophe, afterApostrophe }

        /// Rehashes a word's bytes: its exact spelling, or the part before or after its last apostrophe
        /// (rare, so not tracked while scanning).
        func hash(from start: Int, to end: Int, exact: Bool = false, part: WordPart = .whole) -> UInt64 {
            var hasher = WordHasher(exact: exact)
            var k = start
            var segment = WordHasher(exact: exact)
            while k < end {
                let (value, length) = decode(at: k)
                k += length
                if value == 0x27 || value == 0x2019 {
                    if part == .beforeApostrophe { return segment.value }
                    segment = WordHasher(exact: exact)
                    if exact { hasher.appendExact(value: 0x27) } else { hasher.appendASCII(0x27) }
                    continue
                }
                if exact {
                    hasher.appendExact(value: value)
                    segment.appendExact(value: value)
                } else {
                    hasher.append(value: value)
                    segment.append(value: value)
                }
            }
            return part == .whole ? hasher.value : segment.value
        }

        /// ASCII characters that make an adjacent word identifier-like: digits and `_ / \ @ = < > { } [ ] | # $ % ^ & * + ~ -`.
        static let symbolic: [Bool] = (0..<128).map { v in
            (0x30...0x39).contains(v) || "_/\\@=<>{}[]|#$%^&*+~-".unicodeScalars.contains { $0.value == UInt32(v) }
        }

        @inline(__always)
        static func isIdentifierContext(_ before: UInt32, _ beforeBefore: UInt32, _ after: UInt32, _ afterAfter: UInt32) -> Bool {
            if before < 0x80 && symbolic[Int(before)] || after < 0x80 && symbolic[Int(after)] { return true }
            if (before == 0x2E || before == 0x3A) && ((0x30...0x39).contains(beforeBefore) || isLetter(beforeBefore)) { return true }
            if (after == 0x2E || after == 0x3A) && ((0x30...0x39).contains(afterAfter) || isLetter(afterAfter)) { return true }
            return false
        }

        // MARK: - Same-script phrases

        /// For each other language K, a word scores +3 when it is one of K's function words and
        /// not one of the expected language's (−3 the other way round), else +2 when only K's
        /// list has it, −2 when only the expected language's list has it, 0 otherwise; a
        /// capitalised word inside a sentence (maybe a name) scores half. Stretches scoring 4 or
        /// more, in which K's words are at least 60% of the words with evidence, are phrases
        /// in K; overlapping candidates keep the best.
        mutating func findForeignPhrases() {
            // Short lowercase words between capitalised ones are name particles (Bahía de Banderas,
            // Ludwig van Beethoven): part of a name, no evidence.
            if words.count >= 3 {
                for j in 1..<(words.count - 1)
                where !words[j].capitalized && words[j].letters <= 3 && words[j - 1].capitalized && words[j + 1].halfWeight
                    && words[j - 1].end + 1 >= words[j].start && words[j].end + 1 >= words[j + 1].start
                {
                    words[j].languages = 0
                    words[j].function = 0
                }
            }
            var candidates: [(first: Int, last: Int, score: Int, language: Int)] = []
            // One pass: which languages each word points to. Only languages that at least two
            // words point to can have a phrase, and each is searched from its own words only.
            var pointsTo = [UInt16](repeating: 0, count: words.count)
            var once: UInt16 = 0
            var twice: UInt16 = 0
            let others = ~expectedBit & (languageCount >= 16 ? UInt16.max : (UInt16(1) << UInt16(languageCount)) - 1)
            for j in words.indices where words[j].languages != 0 {
                // A word of the expected language's list that is no other language's function word
                // cannot point to another language: the common case, decided without weighing.
                if words[j].languages & expectedBit != 0 && words[j].function & others == 0 { continue }
                var mask: UInt16 = 0
                var candidatesMask = (words[j].languages | words[j].function) & others
                while candidatesMask != 0 {
                    let bit = candidatesMask & (0 &- candidatesMask)
                    candidatesMask &= candidatesMask - 1
                    if weight(words[j], bit) > 0 { mask |= bit }
                }
                pointsTo[j] = mask
                twice |= once & mask
                once |= mask
            }
            for k in 0..<languageCount {
                let bit = UInt16(1) << UInt16(k)
                guard twice & bit != 0 else { continue }
                var start = 0
                while start < words.count {
                    guard pointsTo[start] & bit != 0 else {
                        start += 1
                        continue
                    }
                    var sum = 0
                    var best = 0
                    var bestEnd = start
                    var j = start
                    while j < words.count {
                        sum += weight(words[j], bit)
                        if sum > best {
                            best = sum
                            bestEnd = j
                        }
                        if sum < 0 || j - bestEnd > 6 { break }
                        j += 1
                    }
                    if best >= 4, isDense(words[start...bestEnd], bit) {
                        candidates.append((start, bestEnd, best, k))
                        start = bestEnd + 1
                    } else {
                        start += 1
                    }
                }
            }
            candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.first < $1.first }
            var taken: [ClosedRange<Int>] = []
            for candidate in candidates where !taken.contains(where: { $0.overlaps(candidate.first...candidate.last) }) {
                taken.append(candidate.first...candidate.last)
                let first = words[candidate.first]
                let last = words[candidate.last]
                spans.append(
                    RawSpan(
                        start: first.start, end: last.end, startByte: first.startByte, endByte: last.endByte, kind: .language,
                        found: lexicon.languages[candidate.language]
                    )
                )
                flaggedLetters += words[candidate.first...candidate.last].reduce(0) { $0 + $1.letters }
            }
        }

        @inline(__always)
        func weight(_ word: Word, _ bit: UInt16) -> Int {
            let inK = word.languages & bit != 0
            let inExpected = word.languages & expectedBit != 0
            let functionK = word.function & bit != 0
            let functionExpected = word.function & expectedBit != 0
            var weight = 0
            // Without a function-word list for the expected language, its word list decides for
            // short words (Polish "to", "do", "on" are English function words too).
            if functionK && !functionExpected && (!inExpected || expectedHasFunctionWords || word.letters >= 3) {
                weight = 3
            } else if functionExpected && !functionK && (!inK || kHasFunctionWords(bit)) {
                weight = -3
            } else if inK && !inExpected {
                weight = 2
            } else if inExpected && !inK {
                weight = -2
            }
            return word.halfWeight && weight > 0 ? weight / 2 : weight
        }

        var expectedHasFunctionWords: Bool { functionWordLanguages & expectedBit != 0 }

        func kHasFunctionWords(_ bit: UInt16) -> Bool { functionWordLanguages & bit != 0 }

        /// Whether two words of the stretch point to K, and K's words make up at least 60% of
        /// the words with evidence.
        func isDense(_ stretch: ArraySlice<Word>, _ bit: UInt16) -> Bool {
            var evidence = 0
            var inK = 0
            var positive = 0
            for word in stretch where word.languages != 0 {
                evidence += 1
                if word.languages & bit != 0 { inK += 1 }
                if weight(word, bit) > 0 { positive += 1 }
            }
            return positive >= 2 && inK * 5 >= evidence * 3
        }
    }
}
