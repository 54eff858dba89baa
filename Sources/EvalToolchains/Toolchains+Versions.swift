import EvalCore
import Foundation
import GRDBSQLite
import Synchronization

extension Toolchains {
    /// Each checker's version, as its own program reports it (`python3 --version`, `node --version`,
    /// TypeScript's package version, `swiftc --version`, `bash --version`, the SQLite library's), or
    /// why the language is unavailable: a code-syntax score is only comparable with one made by the
    /// same parsers.
    ///
    /// The programs run concurrently, each within 10 seconds.
    public func versions() -> [String: String] {
        let collected = Mutex<[String: String]>(["sqlite": String(cString: sqlite3_libversion())])
        let probes: [(String, CodeLanguage, [String])] = [
            ("python", .python, ["--version"]), ("node", .javascript, ["--version"]), ("swiftc", .swift, ["--version"]),
            ("bash", .bash, ["--version"]),
        ]
        DispatchQueue.concurrentPerform(iterations: probes.count) { index in
            let (name, language, arguments) = probes[index]
            let version: String
            switch found[language] {
            case .success(let program)?:
                if case .success(let output) = ChildProcess.run(program, arguments, deadline: 10), output.status == 0 {
                    let text = output.standardOutput.isEmpty ? output.standardError : output.standardOutput
                    version = text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
                } else {
                    version = "unknown (\(program) --version failed)"
                }
            case .failure(let missing)?:
                version = "unavailable: \(missing.description)"
            case nil:
                version = "unavailable"
            }
            collected.withLock { $0[name] = version }
        }
        var versions = collected.withLock { $0 }
        if case .success = found[.typescript],
            let data = FileManager.default.contents(atPath: typescriptModule + "/package.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let version = object["version"] as? String
        {
            versions["typescript"] = version
        }
        return versions
    }
}
