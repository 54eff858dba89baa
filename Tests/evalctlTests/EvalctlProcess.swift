import Foundation

/// Runs the built `evalctl` executable as a child process, as a user or cron would.
struct EvalctlProcess {
    /// The executable next to the test bundle (`swift test` builds it: the test target depends on it).
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("evalctl").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("evalctl")
    }

    /// The repository root, where `Evals/` is.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts evalctl (or another program) without waiting.
    static func start(_ arguments: [String], environment: [String: String] = [:], program: URL = executable) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.environment = Self.environment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// The environment evalctl runs in under test: small word lists, the cached model, a cache of its own.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        // Small word lists keep debug-build runs fast; accuracy on the real lists is `make validate`'s.
        env["EVALCTL_DICT_DIR"] = fixtures.appendingPathComponent("dict").path
        env["EVALCTL_HUNSPELL_DIR"] = fixtures.appendingPathComponent("no-hunspell").path
        // The language-identification model `make deps` fetched, wherever the cache moves to.
        if env["EVALCTL_LID_MODEL"] == nil {
            let cache = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
            env["EVALCTL_LID_MODEL"] = cache + "/evalctl/lid/lid.176.ftz"
        }
        // Without word frequencies: 1.4 million of them take seconds to load in a debug build, and
        // the core's tests check the rule they feed.
        env["EVALCTL_WORDFREQ_DIR"] = "off"
        env["XDG_CACHE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-test-cache").path
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs evalctl (or another program) to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:], program: URL = executable) throws -> Output {
        let (process, out, err) = try start(arguments, environment: environment, program: program)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs another program (found on `PATH`) to completion, in the repository, in evalctl's test environment.
    static func runShell(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        try run(arguments, environment: environment, program: URL(fileURLWithPath: "/usr/bin/env"))
    }

    static func temporaryStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-cli-\(UUID().uuidString)/evalctl.sqlite").path
    }
}
