import EvalCore
import Yams

/// YAML syntax by libyaml's parser (through Yams): every document of the stream is parsed and
/// composed into nodes (anchors, aliases, tags resolved), without constructing values.
public struct YAMLSyntaxChecker: SyntaxChecker {
    public let language = CodeLanguage.yaml

    public init() {}

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        snippets.map(Self.verdict)
    }

    /// The verdict on one stream.
    public static func verdict(_ code: String) -> SyntaxVerdict {
        do {
            var documents = try Yams.compose_all(yaml: code)
            while documents.next() != nil {}
            if let error = documents.error { throw error }
            return .valid
        } catch YamlError.duplicatedKeysInMapping {
            // A repeated key breaks a mapping's uniqueness, not the syntax (libyaml and PyYAML accept it).
            return .valid
        } catch let error as YamlError {
            return .invalid(syntaxError(error))
        } catch {
            return .invalid(SyntaxError(line: nil, column: nil, message: "\(error)"))
        }
    }

    static func syntaxError(_ error: YamlError) -> SyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let text = context.map { "\($0.text) \(problem)" } ?? problem
            return SyntaxError(line: mark.line, column: mark.column, message: text)
        case .composer(let context, let problem, let mark, _):
            let text = context.map { "\($0.text) \(problem)" } ?? problem
            return SyntaxError(line: mark.line, column: mark.column, message: text)
        default:
            return SyntaxError(line: nil, column: nil, message: "\(error)")
        }
    }
}
