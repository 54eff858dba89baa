extension IdentifiedPhrases {
    /// Words trimmed off a candidate's (head, tail), in the order tried.
    static let trims = [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1), (1, 2), (2, 2)]

    /// In English, runs of suspicious words (see the type's description), each judged by its first
    /// trimmed stretch both identifiers find foreign.
    func runSpans(_ text: String, words: [Word], accepted: Set<String>, expectedBit: UInt16?, lexicon: Lexicon?) -> [LanguageMixSpan] {
        var phrases: [LanguageMixSpan] = []
        var index = 0
        while index < words.count {
            guard words[index].suspicious else {
                index += 1
                continue
            }
            // Grow a candidate from this suspicious word.
            var last = index
            var points = words[index].points
            var letters = words[index].letters
            // A word repeated ("shflags, shflags and shflags") counts once, in points and in words.
            var seen: Set<Substring> = [text[words[index].start..<words[index].end]]
            var repeated = 0
            var next = index + 1
            while next < words.count, next - last - 1 <= maximumGap {
                if words[next].suspicious {
                    last = next
                    if seen.insert(text[words[next].start..<words[next].end]).inserted {
                        points += words[next].points
                        letters += words[next].letters
                    } else {
                        repeated += 1
                    }
                }
                next += 1
            }
            defer { index = last + 1 }
            guard points >= minimumPoints, letters >= minimumLetters, last - index + 1 - repeated >= minimumWords else { continue }
            // The candidate may have caught a word of the sentence at either end (a name, a
            // shared word, a technical term): the first stretch, trimming up to two words off
            // the ends, that both identifiers find foreign counts.
            var found: (first: Int, last: Int)?
            for (head, tail) in Self.trims
            where last - tail - (index + head) + 1 >= minimumWords
                && isForeign(
                    text[words[index + head].start..<words[last - tail].end], accepted: accepted,
                    englishFunctionWord: Self.hasEnglishFunctionWord(words, first: index + head, last: last - tail))
            {
                found = (index + head, last - tail)
                break
            }
            // Words with a comma after each are a list (fsm, vm, init), not a phrase; nor is a name, a
            // part of one (*de Banderas* all), a name beside a technical term, a list's items (*su and
            // sudo*) or words across a bracket or a spaced dash.
            guard let best = found, !Self.isList(text, words: words, first: best.first, last: best.last),
                !isNameOrList(text, words: words, first: best.first, last: best.last),
                !Self.crossesItemBoundary(text, words: words, first: best.first, last: best.last)
            else { continue }
            let candidate = text[words[best.first].start..<words[best.last].end]
            // A short candidate must stay foreign in its sentence (a loanword belongs to it).
            let tight = repeated == 0 && (best.first...best.last).allSatisfy { words[$0].suspicious || isFunctionWord(words[$0]) }
            if points < strongPoints, !staysForeign(text, words: words, first: best.first, last: best.last, accepted: accepted, tight: tight) {
                continue
            }
            let guess = identifier.identify(candidate)
            // Without a list for the expected language, English words marked the candidate, and
            // only English is judged.
            if expectedBit == nil, lexicon != nil, guess?.primary != "en" { continue }
            phrases.append(
                LanguageMixSpan(
                    start: words[best.first].startScalar, end: words[best.last].endScalar, text: String(candidate),
                    kind: .language, found: guess?.primary ?? "und"))
        }
        return phrases
    }
}
