import EvalBackends
import Foundation

/// A `llama-server` process on a loopback port, serving one model file.
///
/// The server is started through a small shell watchdog that holds a pipe from this process: when
/// ``stop()`` closes it, or this process dies however it dies, the watchdog reads end-of-file and
/// terminates the server, so no test run leaves servers behind.
public final class LlamaServer: Sendable {
    /// How a server is started.
    public struct Options: Sendable {
        /// Generation threads (`-t`): 1 on shared cores, where 2 threads stall generation.
        public var threads = 1
        /// Parallel slots (`-np`).
        public var parallel = 2
        /// Context size (`-c`), shared by the slots.
        public var context = 4096
        /// Further arguments (`--jinja`, …).
        public var extraArguments: [String] = []

        public init() {}
    }

    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// Its OpenAI-compatible base URL (`http://127.0.0.1:PORT/v1`).
    public let baseURL: String
    /// Where its output goes.
    public let logPath: String
    /// Its root, where llama.cpp's own routes are (`http://127.0.0.1:PORT`).
    public var serverRoot: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let watchdog: FileHandle

    private init(port: Int, logPath: String, process: Process, watchdog: FileHandle) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)/v1"
        self.logPath = logPath
        self.process = process
        self.watchdog = watchdog
    }

    /// Why a server did not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts a server and waits until it has loaded its model.
    ///
    /// - Parameters:
    ///   - installation: The engine.
    ///   - quantization: Which model file (`F16`, `Q8_0`, `Q4_1`, `Q4_0`).
    ///   - options: Threads, slots, context, extra arguments.
    ///   - transport: An HTTP client for the readiness checks.
    ///   - readyWithin: Seconds allowed for loading.
    /// - Returns: The running server.
    public static func start(
        _ installation: EngineInstallation, quantization: String, options: Options = Options(), transport: HTTPTransport,
        readyWithin: Double = 120
    ) async throws -> LlamaServer {
        let port = try freeLoopbackPort()
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-llama-\(quantization)-\(port).log").path
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let arguments =
            [
                installation.serverPath, "-m", installation.modelPath(quantization), "--host", "127.0.0.1", "--port", "\(port)",
                "-t", "\(options.threads)", "-tb", "\(options.threads)", "-np", "\(options.parallel)", "-c", "\(options.context)",
                "--alias", EngineInstallation.modelName, "--no-webui",
            ] + options.extraArguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `$@` is the server's command line; the watchdog waits for the pipe to close, then stops it.
        // SIGKILL, not SIGTERM: a child spawned from a Swift concurrency thread inherits that thread's
        // blocked signals, so llama-server would never see a SIGTERM (it holds no state worth a clean exit).
        process.arguments = ["-c", "\"$@\" & server=$!; cat >/dev/null; kill -KILL $server 2>/dev/null; wait $server", "llama-server"] + arguments
        let pipe = Pipe()
        process.standardInput = pipe
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
        let server = LlamaServer(port: port, logPath: logPath, process: process, watchdog: pipe.fileHandleForWriting)
        let deadline = ContinuousClock.now + .milliseconds(Int(readyWithin * 1000))
        while ContinuousClock.now < deadline {
            if await transport.status(of: "http://127.0.0.1:\(port)/health", timeout: 2) == 200 { return server }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        let tail = (try? String(contentsOfFile: logPath, encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: " | ") ?? ""
        throw StartError(description: "llama-server (\(quantization)) was not ready within \(Int(readyWithin)) s on port \(port): \(tail)")
    }

    /// Stops the server and waits for it to exit.
    public func stop() {
        try? watchdog.close()
        process.waitUntilExit()
    }

    /// A port on 127.0.0.1 that nothing listens on now (the kernel's choice for port 0).
    static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartError(description: "cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw StartError(description: "cannot bind a socket on 127.0.0.1 to find a free port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw StartError(description: "cannot read the port the kernel chose") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
