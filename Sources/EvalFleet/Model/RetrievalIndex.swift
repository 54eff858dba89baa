import Foundation

/// Finds the document whose prompt and text share the most informative words with a prompt.
///
/// Features are lowercased words of two letters or more and, for scripts written without
/// spaces (Han, kana, Thai), pairs of adjacent characters; each shared feature counts its
/// inverse document frequency, and features of the document's own prompt count double.
struct RetrievalIndex: Sendable {
    let promptFeatures: [Set<String>]
    let textFeatures: [Set<String>]
    let idf: [String: Double]

    init(documents: [CorpusDocument]) {
        promptFeatures = documents.map { Self.features(of: $0.prompt) }
        textFeatures = documents.map { Self.features(of: $0.text) }
        var frequency: [String: Int] = [:]
        for (p, t) in zip(promptFeatures, textFeatures) {
            for feature in p.union(t) { frequency[feature, default: 0] += 1 }
        }
        let n = Double(max(documents.count, 1))
        idf = frequency.mapValues { log(1 + n / Double($0)) }
    }

    func best(for prompt: String) -> Int {
        let query = Self.features(of: prompt)
        var bestIndex = 0
        var bestScore = -1.0
        for index in promptFeatures.indices {
            var score = 0.0
            for feature in query {
                let weight = idf[feature] ?? 0
                if promptFeatures[index].contains(feature) { score += 2 * weight }
                if textFeatures[index].contains(feature) { score += weight }
            }
            if score > bestScore {
                bestScore = score
                bestIndex = index
            }
        }
        return bestIndex
    }

    static func features(of text: String) -> Set<String> {
        var result: Set<String> = []
        var word = ""
        var previousIdeograph: Character?
        for character in text.lowercased() {
            let scalar = character.unicodeScalars.first ?? " "
            if FleetTokenizer.kind(of: scalar) == .ideograph {
                if word.count >= 2 { result.insert(word) }
                word = ""
                if let previous = previousIdeograph { result.insert(String([previous, character])) }
                previousIdeograph = character
            } else if character.isLetter {
                word.append(character)
                previousIdeograph = nil
            } else {
                if word.count >= 2 { result.insert(word) }
                word = ""
                previousIdeograph = nil
            }
        }
        if word.count >= 2 { result.insert(word) }
        return result
    }
}
