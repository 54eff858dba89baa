extension LanguageMixDetector.Scanner {
    // MARK: - Same-script phrases

    /// For each other language K, a word scores +3 when it is one of K's function words and
    /// not one of the expected language's (−3 the other way round), else +2 when only K's
    /// list has it, −2 when only the expected language's list has it, 0 otherwise; a
    /// capitalised word inside a sentence (maybe a name) scores half.
    ///
    /// Words in both lists score
    /// +1 inside a run of K's words that has one of K's function words the expected list lacks
    /// and nothing against K. Stretches scoring 4 or more, with two positive words, in which K's
    /// words are at least 60% of the words with evidence, are phrases in K; overlapping
    /// candidates keep the best.
    mutating func findForeignPhrases() {
        let words = UnsafeMutableBufferPointer(start: self.words, count: wordCount)
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
        var once: UInt16 = 0
        var twice: UInt16 = 0
        // Languages with a function word the expected language's list lacks (see the runs below).
        var sure: UInt16 = 0
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
                let weight = weight(words[j], bit)
                if weight > 0 { mask |= bit }
                if weight >= 3 && words[j].languages & expectedBit == 0 { sure |= bit }
            }
            words[j].pointsTo = mask
            twice |= once & mask
            once |= mask
        }
        // K's weight of each word, for the languages some word points to.
        var weights = [Int8]()
        for k in 0..<languageCount {
            let bit = UInt16(1) << UInt16(k)
            guard (twice | sure) & bit != 0 else { continue }
            if weights.isEmpty { weights = [Int8](repeating: 0, count: words.count) }
            for j in words.indices { weights[j] = Int8(weight(words[j], bit)) }
            // Words in both lists carry no evidence alone. Inside a run of three or more words of
            // K's list with no evidence against K and one of K's function words that the expected
            // language's list lacks, they count 1 each for K: Debian's Dutch, Danish and Polish
            // lists hold many English words, so an English phrase there often has one sure word.
            var runStart = sure & bit != 0 ? 0 : words.count
            while runStart < words.count {
                guard words[runStart].languages & bit != 0 else {
                    runStart += 1
                    continue
                }
                var runEnd = runStart
                var positive = false
                var negative = false
                while runEnd < words.count, words[runEnd].languages & bit != 0 {
                    positive = positive || (weights[runEnd] >= 3 && words[runEnd].languages & expectedBit == 0)
                    negative = negative || weights[runEnd] < 0
                    runEnd += 1
                }
                if runEnd - runStart >= 3, positive, !negative {
                    for j in runStart..<runEnd where weights[j] == 0 && !words[j].halfWeight { weights[j] = 1 }
                }
                runStart = runEnd
            }
            guard twice & bit != 0 || weights.lazy.filter({ $0 > 0 }).count >= 2 else { continue }
            var start = 0
            while start < words.count {
                guard weights[start] > 0 else {
                    start += 1
                    continue
                }
                var sum = 0
                var best = 0
                var bestEnd = start
                var j = start
                while j < words.count {
                    sum += Int(weights[j])
                    if sum > best {
                        best = sum
                        bestEnd = j
                    }
                    if sum < 0 || j - bestEnd > 6 { break }
                    j += 1
                }
                if best >= 4, isDense(start...bestEnd, words: words, weights: weights, bit) {
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
    func isDense(_ stretch: ClosedRange<Int>, words: UnsafeMutableBufferPointer<Word>, weights: [Int8], _ bit: UInt16) -> Bool {
        var evidence = 0
        var inK = 0
        var positive = 0
        for j in stretch where words[j].languages != 0 {
            evidence += 1
            if words[j].languages & bit != 0 { inK += 1 }
            if weights[j] > 0 { positive += 1 }
        }
        return positive >= 2 && inK * 5 >= evidence * 3
    }
}
