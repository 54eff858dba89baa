/// What a case expects of an answer; scorers read it.
public struct Expectation: Sendable, Equatable {
    /// BCP 47 primary language subtag of the answer, such as `en` or `ja`.
    public var language: String?
    /// The language of code the answer should contain, such as `python`.
    public var codeLanguage: String?
    /// A reference answer, when one exists.
    public var reference: String?
    /// Free-form tags for grouping results.
    public var tags: [String]

    /// Creates an expectation.
    public init(language: String? = nil, codeLanguage: String? = nil, reference: String? = nil, tags: [String] = []) {
        self.language = language
        self.codeLanguage = codeLanguage
        self.reference = reference
        self.tags = tags
    }
}
