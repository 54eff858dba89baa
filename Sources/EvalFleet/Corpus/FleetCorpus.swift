/// The texts the fleet model learns from, written for evalctl: answers in English, in other
/// languages and in code, each with the prompt it answers.
///
/// Nothing is read from the machine: the fleet behaves the same on every computer.
public enum FleetCorpus {
    /// Every document.
    public static let documents: [CorpusDocument] = englishProse + englishFacts + longContextAnswers + multilingual + code

    static func doc(_ id: String, _ group: String, _ prompt: String, _ text: String) -> CorpusDocument {
        CorpusDocument(id: id, group: group, prompt: prompt, text: text)
    }
}
