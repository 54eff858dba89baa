import EvalCore
import Foundation
import Testing

/// The tool-call validator against the JSON Schema Test Suite (json-schema-org), draft 2020-12.
///
/// Every keyword file of the subset it checks is read. `make deps` fetches the suite
/// (`Tests/JSONSchema/fetch_suite.sh`, from the copy PyPI's jsonschema sdist vendors).
///
/// A group whose schema uses a keyword outside the subset (`$ref`, `prefixItems`, `patternProperties`
/// beside `additionalProperties`, …) must come out ``JSONSchemaValidator/Result/unsupported(_:)`` for
/// every instance: never valid, never invalid. Every other test must get the suite's verdict.
struct JSONSchemaTestSuiteTests {
    static let keywordFiles = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "uniqueItems",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "anyOf", "oneOf", "allOf", "not",
        "boolean_schema",
    ]

    static var suiteFolder: String {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["EVALCTL_JSON_SCHEMA_SUITE"] { return folder + "/draft2020-12" }
        let cache = environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        return cache + "/evalctl/json-schema-test-suite/draft2020-12"
    }

    struct Tally {
        var checked = 0
        var unsupported = 0
        var mismatches: [String] = []
    }

    func run(_ file: String) throws -> Tally {
        let path = Self.suiteFolder + "/\(file).json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureMissing(description: "\(path) is missing: run `make deps` (Tests/JSONSchema/fetch_suite.sh)")
        }
        guard case .success(.array(let groups)) = JSONParser.parse(String(decoding: data, as: UTF8.self)) else {
            throw FixtureMissing(description: "\(path) is not a JSON array")
        }
        var tally = Tally()
        for group in groups {
            guard let schema = group["schema"], case .array(let tests)? = group["tests"] else { continue }
            let groupName = group["description"]?.string ?? "?"
            for test in tests {
                guard let instance = test["data"], case .bool(let expected)? = test["valid"] else { continue }
                let testName = test["description"]?.string ?? "?"
                switch JSONSchemaValidator.validate(instance, against: schema) {
                case .unsupported:
                    tally.unsupported += 1
                case .valid:
                    tally.checked += 1
                    if !expected { tally.mismatches.append("\(file): \(groupName) / \(testName): valid, the suite says invalid") }
                case .invalid(let at, let reason):
                    tally.checked += 1
                    if expected { tally.mismatches.append("\(file): \(groupName) / \(testName): invalid at \(at) (\(reason)), the suite says valid") }
                }
            }
        }
        return tally
    }

    @Test(arguments: keywordFiles)
    func everySupportedCaseGetsTheSuitesVerdict(_ file: String) throws {
        let tally = try run(file)
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.joined(separator: "\n"))")
        // Each keyword of the subset is exercised by the suite's own cases, not only skipped.
        #expect(tally.checked > 0, "\(file): every group was outside the subset (\(tally.unsupported) skipped)")
    }
}

struct FixtureMissing: Error, CustomStringConvertible {
    let description: String
}

extension JSONSchemaTestSuiteTests {
    /// The suite as vendored in jsonschema 4.23.0 (pinned by SHA-256): of its 524 cases in these
    /// files, 450 fall inside the subset and are checked; 74 use a keyword outside it and are refused.
    @Test func theSubsetCoversMostOfTheKeywordFiles() throws {
        let tallies = try Self.keywordFiles.map(run)
        #expect(tallies.map(\.checked).reduce(0, +) == 450)
        #expect(tallies.map(\.unsupported).reduce(0, +) == 74)
    }
}
