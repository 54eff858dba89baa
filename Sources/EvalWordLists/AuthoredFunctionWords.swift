/// Function words for languages that neither PostgreSQL's nor Lingua::StopWords' lists cover,
/// written for evalctl from the languages' grammar: prepositions, conjunctions, pronouns and their
/// case forms, particles and the forms of "to be".
///
/// Closed classes, so a short list is complete
/// enough to matter.
///
/// Words that are also English words (in `wamerican`) but not English function words are left
/// out ("one", "ten", "go", "jest", "ma"): as Polish function words they would count as Polish
/// evidence in every English answer. `WordListTests` checks this against the installed lists.
///
/// Without them, an English phrase in such a language weighs little: Debian's `wpolish` lists
/// "the", "of" and "name" among Polish words, so only function-word evidence tells "name of the"
/// from Polish.
enum AuthoredFunctionWords {
    /// The list for a language code, empty when there is none.
    static func words(for language: String) -> [String] {
        switch language {
        case "pl": polish
        default: []
        }
    }

    static let polish: [String] = [
        // Prepositions, with their vowel forms.
        "we", "ze", "na", "do", "od", "po", "przy", "przez", "przeze", "za", "przed", "przede", "pode",
        "nad", "nade", "dla", "bez", "beze", "między", "ku", "obok", "według", "wśród", "oprócz", "około", "podczas", "mimo",
        "zamiast", "poza", "spod", "znad", "sprzed", "wobec", "dzięki", "naprzeciw", "wokół", "wzdłuż", "poprzez", "spośród",
        // Conjunctions.
        "i", "a", "lub", "albo", "czy", "oraz", "że", "bo", "ponieważ", "gdy", "kiedy", "jeśli", "jeżeli", "aby", "żeby",
        "więc", "lecz", "bądź", "niż", "jak", "jakby", "choć", "chociaż", "zanim", "dopóki", "gdyż", "zatem", "czyli",
        "natomiast", "jednak", "ponadto", "bowiem", "iż", "albowiem", "skoro", "jeśliby", "gdyby",
        // Personal and reflexive pronouns, with their case forms.
        "ja", "mnie", "mną", "ty", "ciebie", "cię", "ci", "tobie", "tobą", "on", "jego", "niego", "jemu", "niemu",
        "nim", "ona", "jej", "niej", "ją", "nią", "ono", "my", "nas", "nam", "nami", "wy", "was", "wam", "wami", "oni", "ich",
        "nich", "im", "nimi", "je", "się", "siebie", "sobie", "sobą",
        // Possessives, demonstratives, relatives and interrogatives.
        "mój", "moja", "moje", "moich", "twój", "twoja", "twoje", "nasz", "nasza", "nasze", "naszych", "wasz", "wasza", "wasze",
        "swój", "swoja", "swoje", "swoich", "swojego", "swojej", "ta", "to", "te", "tego", "tej", "temu", "tym", "tę",
        "tych", "tymi", "tamten", "tamta", "tamto", "który", "która", "które", "którego", "której", "którym", "których", "którzy",
        "co", "czego", "czemu", "czym", "kto", "kogo", "komu", "kim", "jaki", "jaka", "jakie", "jakiego", "jakiej", "jakich",
        "czyj", "czyja", "czyje", "gdzie", "dokąd", "skąd", "dlaczego", "dlatego", "ile",
        // Quantifiers and determiners.
        "każdy", "każda", "każde", "każdego", "żaden", "żadna", "żadne", "żadnego", "wszystko", "wszystkie", "wszystkich",
        "wszyscy", "cały", "cała", "całe", "inny", "inna", "inne", "innych", "sam", "sama", "samo", "taki", "taka", "takie",
        "jakiś", "jakaś", "jakieś", "ktoś", "coś", "nic", "nikt", "niczego", "nikogo", "kilka", "wiele", "wielu",
        // Particles and adverbs of the closed class.
        "nie", "tak", "już", "jeszcze", "też", "także", "również", "tylko", "nawet", "właśnie", "może", "by", "no", "oto",
        "tu", "tutaj", "teraz", "wtedy", "zawsze", "nigdy", "bardzo", "więcej", "mniej", "czyż", "niech",
        // "To be" and "to have" as auxiliaries.
        "być", "są", "jestem", "jesteś", "jesteśmy", "jesteście", "był", "była", "było", "byli", "były", "będzie", "będą",
        "będę", "będziesz", "zostać", "został", "została", "zostało", "zostały", "zostanie", "mają", "można", "trzeba",
    ]
}
