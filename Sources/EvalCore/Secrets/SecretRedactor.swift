/// Removes configured secret values (API keys, tokens, webhook URLs) from text a backend or a
/// failure produced, before it is stored, logged or printed.
///
/// A backend that rejects a key often quotes it back (`invalid key: Bearer sk-…`); a proxy may
/// echo request headers into an error body. Whatever the route, the value never leaves redacted text.
public struct SecretRedactor: Sendable, Equatable {
    /// What replaces a secret.
    public static let mask = "[redacted]"
    /// Values shorter than this are not treated as secrets: masking them would garble ordinary text.
    public static let minimumLength = 6

    private let secrets: [String]

    /// Creates a redactor.
    ///
    /// - Parameter secrets: The values to remove; short and empty ones are ignored, and for a URL
    ///   its query and credentials are removed as well as the whole value.
    public init(secrets: some Sequence<String>) {
        var values = Set<String>()
        for secret in secrets where secret.utf8.count >= Self.minimumLength {
            values.insert(secret)
            // A webhook URL's secret part is often its path or query: servers echo those alone too.
            if let schemeEnd = secret.range(of: "://") {
                let rest = secret[schemeEnd.upperBound...]
                if let slash = rest.firstIndex(of: "/") {
                    let path = String(rest[slash...])
                    if path.utf8.count >= 12 { values.insert(path) }
                }
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        self.secrets = values.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// A redactor that changes nothing.
    public static let none = SecretRedactor(secrets: [])

    /// This redactor and more secrets.
    public func adding(_ more: some Sequence<String>) -> SecretRedactor {
        SecretRedactor(secrets: secrets + Array(more))
    }

    /// Whether there is anything to redact.
    public var isEmpty: Bool { secrets.isEmpty }

    /// The text with every secret replaced by ``mask``.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: Self.mask)
        }
        return result
    }

    /// The optional text, redacted.
    public func redact(_ text: String?) -> String? {
        text.map { redact($0) }
    }
}

extension SecretRedactor {
    /// The result with secrets removed from its error message and from what the backend returned.
    public func redact(_ result: SampleResult) -> SampleResult {
        guard !isEmpty else { return result }
        var result = result
        switch result.outcome {
        case .failure(var error):
            error.message = redact(error.message)
            result.outcome = .failure(error)
        case .success(var completion):
            completion.text = redact(completion.text)
            completion.servedBy = redact(completion.servedBy)
            completion.reportedModel = redact(completion.reportedModel)
            completion.systemFingerprint = redact(completion.systemFingerprint)
            result.outcome = .success(completion)
        }
        return result
    }
}
