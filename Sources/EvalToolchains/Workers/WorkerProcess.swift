import EvalCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A long-lived child process that answers one JSON line for each JSON line it is sent.
///
/// Calls are blocking and must not overlap (``WorkerPool`` hands each worker to one caller at a
/// time). The process starts on first use, announces itself with a line `{"ready":true}`, and is
/// restarted after it dies or misses a deadline.
final class WorkerProcess: @unchecked Sendable {
    // @unchecked: mutable state is only touched by the single caller the pool lets in.
    enum Failure: Error, Equatable {
        /// The program could not be started, or did not announce itself.
        case cannotStart(String)
        /// The process exited or closed its output before answering.
        case died
        /// No answer within the deadline; the process was killed.
        case timedOut
    }

    let executable: String
    let arguments: [String]
    let startupDeadline: Double
    private var process: Process?
    private var stdinPipe: Pipe?
    private var stdoutPipe: Pipe?
    private var input: Int32 = -1
    private var output: Int32 = -1
    private let pidLock = NSLock()
    private var pid: Int32?
    private var pending: [UInt8] = []
    /// Times the process was started (for tests of recovery).
    private(set) var starts = 0

    init(executable: String, arguments: [String], startupDeadline: Double = 30) {
        self.executable = executable
        self.arguments = arguments
        self.startupDeadline = startupDeadline
        Self.ignoreBrokenPipes
    }

    deinit { stop() }

    /// A write to a dead worker must fail with EPIPE, not kill evalctl.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// The process ID of the running worker, if any.
    var processIdentifier: Int32? { pidLock.withLock { pid } }

    /// Sends one line and waits for the answer line.
    func request(_ line: String, deadline seconds: Double) throws(Failure) -> String {
        if process == nil { try start() }
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        guard writeAll(bytes) else {
            stop()
            throw .died
        }
        do {
            return try readLine(deadline: seconds)
        } catch {
            stop()
            throw error
        }
    }

    private func start() throws(Failure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .cannotStart("\(executable): \(error.localizedDescription)")
        }
        starts += 1
        self.process = process
        pidLock.withLock { pid = process.processIdentifier }
        // The pipes stay owned by their FileHandles, closed once, in `stop()`: closing descriptors
        // behind Foundation's back races with other threads that reuse the numbers.
        stdinPipe = stdin
        stdoutPipe = stdout
        input = stdin.fileHandleForWriting.fileDescriptor
        output = stdout.fileHandleForReading.fileDescriptor
        pending = []
        do throws(Failure) {
            let hello = try readLine(deadline: startupDeadline)
            guard hello.contains("\"ready\"") else {
                stop()
                throw Failure.cannotStart("\(executable) did not start: \(hello.prefix(200))")
            }
        } catch .died {
            stop()
            throw .cannotStart("\(executable) exited during start-up")
        } catch .timedOut {
            throw .cannotStart("\(executable) did not start within \(startupDeadline)s")
        } catch {
            stop()
            throw error
        }
    }

    /// Kills the worker (if running) and forgets it.
    func stop() {
        if let process {
            // The worker leads its own process group: kill the group, so that no child of it keeps
            // the pipes open (Foundation waits for them before it reports the exit).
            if process.isRunning {
                kill(-process.processIdentifier, SIGKILL)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
        }
        try? stdinPipe?.fileHandleForWriting.close()
        try? stdoutPipe?.fileHandleForReading.close()
        stdinPipe = nil
        stdoutPipe = nil
        input = -1
        output = -1
        process = nil
        pidLock.withLock { pid = nil }
        pending = []
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer in
                write(input, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private func readLine(deadline seconds: Double) throws(Failure) -> String {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let remaining = ContinuousClock.now.duration(to: end)
            guard remaining > .zero else {
                stop()
                throw .timedOut
            }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let millis = Int32(min(Double(Int32.max), max(1, remaining.seconds * 1000)))
            let ready = poll(&descriptor, 1, millis)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .died
            }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBufferPointer { read(output, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw .died }
            pending.append(contentsOf: chunk[..<count])
        }
    }
}
