extension LanguageMixDetector {
    /// One pass over a text's UTF-8 bytes: script intrusions as it goes, and the Latin words
    /// for the same-script pass (`LanguageMixScanner+Words.swift`) that `finish` runs after it
    /// (`LanguageMixScanner+Phrases.swift`).
    struct Scanner {
        typealias Word = LanguageMixDetector.Word
        typealias RawSpan = LanguageMixDetector.RawSpan

        let bytes: UnsafeBufferPointer<UInt8>
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
        /// The Latin words so far, for the same-script pass: a buffer the scanner owns (see
        /// `deallocate`), appended to without the checks of an array's append.
        var words: UnsafeMutablePointer<Word>?
        var wordCount = 0
        var wordCapacity = 0
        /// The script table, read per non-ASCII scalar without the lazy global's check.
        let scriptTable: [UInt8] = ScriptTable.bmp
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
            self.lexicon = lexicon ?? Self.empty
            self.usesLexicon = lexicon != nil
            self.expectedBit = expectedBit
            self.allowed = profile.allowedMask
            self.functionWordLanguages = lexicon?.functionWordLanguages ?? 0
            self.languageCount = lexicon?.languages.count ?? 0
            if usesLexicon { growWords(to: bytes.count / 5 + 16) }
        }

        /// Frees the word buffer.
        func deallocate() {
            words?.deallocate()
        }

        mutating func growWords(to capacity: Int) {
            let storage = UnsafeMutablePointer<Word>.allocate(capacity: capacity)
            if let words {
                storage.moveInitialize(from: words, count: wordCount)
                words.deallocate()
            }
            words = storage
            wordCapacity = capacity
        }

        /// The scalar's script: the BMP from the scanner's copy of the table.
        @inline(__always)
        func script(of value: UInt32) -> Script {
            value < 0x10000 ? Script(rawValue: scriptTable[Int(value)]) ?? .common : ScriptTable.script(of: value)
        }

        // MARK: - Decoding

        @inline(__always)
        func decode(at index: Int) -> (value: UInt32, length: Int) {
            UTF8Decoding.scalar(in: bytes, at: index)
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
                let script = script(of: value)
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

        /// With an identifier judging phrases (``IdentifiedPhrases``), the scan only counts the
        /// words that would mark a candidate, so that answers without two of them skip that pass.
        var marksOnly = false
        /// In `marksOnly` mode, the bit of the list that marks words, and whether a word marks by
        /// lacking it (the expected language's list) or by having it (English, for a language without a list).
        var markBit: UInt16 = 0
        var marksByLacking = true
        /// Outside English, the English list's bit: a word of 3 letters or more that list has
        /// marks too, as ``IdentifiedPhrases`` counts it (an English phrase there is mostly words
        /// both lists have: mode, table, exclusive); 0 in English.
        var sharedMarkBit: UInt16 = 0
        /// In `marksOnly` mode in English, the English list's bit: when one word is marked, the words
        /// beside it that are function words of another language only are counted
        /// (``Analysis/foreignFunctionWords``).
        var englishBit: UInt16 = 0

        mutating func finish() -> Analysis {
            var marked = 0
            var foreignFunction = 0
            var markedIndex = 0
            var markedByte: Int?
            if usesLexicon {
                lookUpWords()
                if marksOnly {
                    let words = UnsafeBufferPointer(start: self.words, count: wordCount)
                    for (index, word) in words.enumerated() where word.flags & Word.wanted != 0 && word.letters >= 2 {
                        let byList = (word.languages & markBit == 0) == marksByLacking
                        let shared = sharedMarkBit != 0 && word.letters >= 3 && word.languages & sharedMarkBit != 0
                        // The same word as the last one marked is not counted again (*bugreport,
                        // bugreport and bugreport* is one marked word): what matters is whether
                        // one distinct word is marked, or more.
                        if byList || shared, marked == 0 || word.hash != words[markedIndex].hash {
                            marked += 1
                            markedIndex = index
                        }
                    }
                    if marked == 1 { markedByte = words[markedIndex].startByte }
                    // One marked word: the function words of another language only beside it.
                    if marked == 1, englishBit != 0 {
                        for word in words[max(0, markedIndex - 2)...min(words.count - 1, markedIndex + 2)]
                        where word.function & ~englishBit != 0 && word.function & englishBit == 0 {
                            foreignFunction += 1
                        }
                    }
                } else {
                    findForeignPhrases()
                }
            }
            return Analysis(
                spans: spans, letters: letters, flaggedLetters: flaggedLetters, markedWords: marked, foreignFunctionWords: foreignFunction,
                markedByte: markedByte)
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
                if script(of: value) == .greek {
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
                if script(of: value) == .greek {
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
    }
}
