extension FleetCorpus {
    /// Short factual answers, for greedy (temperature 0) determinism checks.
    static let englishFacts: [CorpusDocument] = [
        doc("fact-capital-france", "en", "What is the capital of France? Answer in one sentence.", "The capital of France is Paris."),
        doc(
            "fact-water-boil", "en", "At what temperature does water boil at sea level? Answer in one sentence.",
            "At sea level, water boils at 100 degrees Celsius, which is 212 degrees Fahrenheit."),
        doc(
            "fact-planets", "en", "How many planets are in the solar system? Answer in one sentence.",
            "There are eight planets in the solar system, from Mercury out to Neptune."),
        doc(
            "fact-speed-light", "en", "What is the speed of light in a vacuum? Answer in one sentence.",
            "Light travels through a vacuum at about 299,792 kilometres per second."),
        doc(
            "fact-dna", "en", "What does DNA stand for? Answer in one sentence.",
            "DNA stands for deoxyribonucleic acid, the molecule that carries genetic information."),
        doc(
            "fact-http-404", "en", "What does the HTTP status code 404 mean? Answer in one sentence.",
            "The HTTP status 404 means the server could not find the requested resource."),
        doc(
            "fact-prime", "en", "What is a prime number? Answer in one sentence.",
            "A prime number is a whole number greater than one whose only divisors are one and itself."),
        doc(
            "fact-largest-ocean", "en", "Which is the largest ocean on Earth? Answer in one sentence.",
            "The Pacific Ocean is the largest and deepest ocean on Earth."),
        doc(
            "fact-binary", "en", "What is binary notation? Answer in one sentence.",
            "Binary notation writes numbers with only the digits zero and one, each position worth twice the one to its right."),
        doc(
            "fact-mitochondria", "en", "What do mitochondria do in a cell? Answer in one sentence.",
            "Mitochondria produce most of a cell's energy by turning nutrients into ATP."),
        doc(
            "fact-shakespeare", "en", "Who wrote the play Hamlet? Answer in one sentence.",
            "Hamlet was written by William Shakespeare around the year 1600."),
        doc(
            "fact-leap-year", "en", "What is a leap year? Answer in one sentence.",
            "A leap year has 366 days, adding February 29 to keep the calendar aligned with the Earth's orbit."),
        doc(
            "fact-gravity", "en", "What is the acceleration due to gravity on Earth? Answer in one sentence.",
            "Near the Earth's surface, gravity accelerates falling objects at about 9.8 metres per second squared."),
        doc(
            "fact-tcp-udp", "en", "What is the main difference between TCP and UDP? Answer in one sentence.",
            "TCP delivers a reliable, ordered stream of bytes, while UDP sends independent datagrams with no delivery guarantee."),
        doc("fact-oxygen", "en", "What is the chemical symbol for oxygen? Answer in one sentence.", "The chemical symbol for oxygen is O."),
        doc(
            "fact-everest", "en", "What is the highest mountain on Earth? Answer in one sentence.",
            "Mount Everest is the highest mountain on Earth, at about 8,849 metres above sea level."),
        doc("fact-byte", "en", "How many bits are in a byte? Answer in one sentence.", "A byte is made of eight bits."),
        doc(
            "fact-photosynthesis-gas", "en", "Which gas do plants absorb for photosynthesis? Answer in one sentence.",
            "Plants absorb carbon dioxide from the air for photosynthesis and release oxygen."),
        doc(
            "fact-moon-landing", "en", "When did humans first land on the Moon? Answer in one sentence.",
            "Humans first landed on the Moon on July 20, 1969, during the Apollo 11 mission."),
        doc(
            "fact-big-o", "en", "What does O(n log n) mean? Answer in one sentence.",
            "O(n log n) means the running time grows in proportion to n times the logarithm of n, as in efficient sorting algorithms."),
    ]

    /// Answers to the questions of the long-context suite, about its filler text (the harbour town's logbook).
    static let longContextAnswers: [CorpusDocument] = [
        doc(
            "lc-summary", "en", "Summarize the logbook above in three sentences.",
            """
            The logbook follows a small harbour town through a year of weather, repairs and trade. The keepers record storms, the state of the lighthouse lamp, and the ships that came and went. Most entries are routine, but together they show a community that depends on the sea and on careful maintenance.
            """),
        doc(
            "lc-concerns", "en", "What problems do the keepers worry about most in the logbook above?",
            """
            The keepers worry most about storms that damage the pier, about fog that hides the harbour entrance, and about the lamp failing on a dark night. They also note shortages of oil and rope when supply ships are late. Several entries ask the town council to repair the sea wall before winter.
            """),
        doc(
            "lc-tone", "en", "Describe the tone of the logbook above in two sentences.",
            """
            The tone of the logbook is calm and practical, written by people used to hard weather. Even the entries about storms are short and factual, with little complaint.
            """),
        doc(
            "lc-advice", "en", "Based on the logbook above, what should the town do before next winter?",
            """
            Before next winter, the town should repair the sea wall and the damaged section of the pier. It should keep a larger reserve of lamp oil and rope, so that a late supply ship does not leave the lighthouse short. It would also help to add a fog bell at the harbour entrance.
            """),
    ]
}
