import EvalPostgres
import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// The throwaway PostgreSQL cluster the store tests run against.
///
/// The one `make test` started (`EVALCTL_TEST_POSTGRES_URL`), else one this process starts with
/// `Tests/Postgres/cluster.sh` and stops when it exits. Each test takes a fresh database of its own.
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
            _ = try script(["start", state])
            let url = try String(contentsOfFile: state, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
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
        var server = try PostgresURL(base)
        try PostgresDatabase.recreate(database: name, on: server, password: nil)
        server.database = name
        return server.description
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

    /// Runs a program to its end with `posix_spawn` and `waitpid`, its output through a file: a
    /// server it starts must not hold a pipe of ours open, and Foundation's `Process` was seen
    /// never to reap `cluster.sh` (left a zombie) once `pg_ctl` had started a server.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "\(executable): cannot start: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // Exited normally with status 0: the low 7 bits (the signal) and the exit status both zero.
        guard status == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")): wait status \(status): \(text)")
        }
        return text
    }
}
