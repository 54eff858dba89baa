/// A stretch of an answer in the wrong script or the wrong language.
public struct LanguageMixSpan: Sendable, Equatable {
    /// What kind of evidence found it.
    public enum Kind: String, Sendable {
        /// Letters of a script the expected language is not written in.
        case script
        /// Words of another language written in the same script (Latin).
        case language
    }

    /// Offset of the first Unicode scalar (code point) of the span in the answer.
    public var start: Int
    /// Offset just past the span's last scalar.
    public var end: Int
    /// The span's text.
    public var text: String
    /// How it was found.
    public var kind: Kind
    /// The script (`thai`, `han`, …) or the language (`es`, `de`, …) found.
    public var found: String

    /// Creates a span.
    public init(start: Int, end: Int, text: String, kind: Kind, found: String) {
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.found = found
    }
}

/// The language-mix verdict on one text.
public struct LanguageMixResult: Sendable, Equatable {
    /// `true` when no span was found; `nil` when the expected language is unknown.
    public var passed: Bool?
    /// Share of the text's letters inside spans, in [0, 1].
    public var value: Double
    /// The offending spans, in text order.
    public var spans: [LanguageMixSpan]
    /// The expected language.
    public var language: String
    /// Why the text could not be judged, or which check could not run.
    public var note: String?
}
