import EvalCore
import Foundation

/// Reads and writes drift thresholds as JSON (what `evalctl calibrate` writes).
public enum CalibrationFile {
    /// Loads thresholds.
    ///
    /// - Parameter path: The file.
    /// - Throws: ``ConfigError`` naming the file, and the line or field at fault.
    public static func load(path: String) throws(ConfigError) -> DriftThresholds {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        if case .failure(let failure) = JSONParser.parse(data) {
            throw .json(file: path, line: failure.line, message: failure.description)
        }
        do {
            let thresholds = try JSONDecoder().decode(DriftThresholds.self, from: data)
            try validate(thresholds, file: path)
            return thresholds
        } catch let error as ConfigError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw .missingField(keyPath(context.codingPath + [key]), file: path, line: 0)
        } catch let DecodingError.typeMismatch(type, context) {
            throw .badValue(keyPath(context.codingPath), value: "a value of another type", expected: "\(type)", file: path, line: 0)
        } catch let DecodingError.valueNotFound(type, context) {
            throw .badValue(keyPath(context.codingPath), value: "null", expected: "\(type)", file: path, line: 0)
        } catch {
            throw .json(file: path, line: 0, message: "\(error)")
        }
    }

    private static func keyPath(_ keys: [any CodingKey]) -> String {
        keys.map(\.stringValue).joined(separator: ".")
    }

    private static func validate(_ thresholds: DriftThresholds, file: String) throws(ConfigError) {
        func check(_ ok: Bool, _ key: String, _ value: Double, _ expected: String) throws(ConfigError) {
            if !ok { throw .badValue(key, value: "\(value)", expected: expected, file: file, line: 0) }
        }
        try check(thresholds.referenceSlack >= 0, "referenceSlack", thresholds.referenceSlack, "a number ≥ 0")
        try check(thresholds.selfSlack >= 0, "selfSlack", thresholds.selfSlack, "a number ≥ 0")
        try check(thresholds.meanLogprobGap > 0, "meanLogprobGap", thresholds.meanLogprobGap, "a number > 0")
        try check(thresholds.greedyMargin >= 0, "greedyMargin", thresholds.greedyMargin, "a number ≥ 0")
        try check(thresholds.alpha > 0 && thresholds.alpha < 1, "alpha", thresholds.alpha, "a number in (0, 1)")
        try check(thresholds.topN >= 1, "topN", Double(thresholds.topN), "an integer ≥ 1")
        for (metric, rate) in thresholds.nullRates {
            try check(DriftMetric(rawValue: metric) != nil, "nullRates.\(metric)", rate, "a key among \(DriftMetric.allCases.map(\.rawValue))")
            try check(rate >= 0 && rate < 1, "nullRates.\(metric)", rate, "a rate in [0, 1)")
        }
    }

    /// Writes thresholds, pretty-printed with sorted keys.
    public static func save(_ thresholds: DriftThresholds, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(thresholds).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
