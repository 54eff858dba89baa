import Foundation
import Synchronization

/// The throwaway PostgreSQL cluster the store tests run against: the one `make test` started
/// (`EVALCTL_TEST_POSTGRES_URL`), else one this process starts with `Tests/Postgres/cluster.sh`
/// and stops when it exits. Each test takes a fresh database of its own.
public enum PostgresCluster {
    private static let started = Mutex<String?>(nil)

    /// The repository's root (this file is Sources/EvalTesting/PostgresCluster.swift).
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The URL of the cluster's `postgres` database.
    public static func url() throws -> String {
        if let url = ProcessInfo.processInfo.environment["EVALCTL_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        return try started.withLock { started in
            if let started { return started }
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-postgres-\(getpid()).state").path
            let url = try script(["start", state]).trimmingCharacters(in: .whitespacesAndNewlines)
            atexit {
                let state = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-postgres-\(getpid()).state").path
                _ = try? PostgresCluster.script(["stop", state])
            }
            started = url
            return url
        }
    }

    /// A new empty database on the cluster, named after its purpose.
    ///
    /// - Returns: Its URL.
    public static func freshDatabase(_ purpose: String) throws -> String {
        let base = try url()
        let name = "t_" + purpose.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(30) + "_" + UUID().uuidString.prefix(8).lowercased()
        _ = try run("/usr/bin/env", ["psql", "-v", "ON_ERROR_STOP=1", "-q", base, "-c", "CREATE DATABASE \(name)"])
        return base.replacingOccurrences(of: "/postgres", with: "/\(name)", options: .backwards)
    }

    /// Runs `cluster.sh` with its arguments.
    ///
    /// - Returns: Its standard output.
    public static func script(_ arguments: [String]) throws -> String {
        try run(root.appendingPathComponent("Tests/Postgres/cluster.sh").path, arguments)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "\(executable) \(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))"
            )
        }
        return String(decoding: output, as: UTF8.self)
    }
}
