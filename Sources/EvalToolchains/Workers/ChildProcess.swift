import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program to completion within a deadline, feeding it input and collecting its output.
enum ChildProcess {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotStart(String)
        case timedOut(Double)

        var description: String {
            switch self {
            case .cannotStart(let reason): "cannot start: \(reason)"
            case .timedOut(let seconds): "no answer within \(seconds)s"
            }
        }
    }

    /// Runs `executable` (blocking).
    ///
    /// The process is killed at the deadline.
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil, deadline: Double) -> Result<Output, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .failure(.cannotStart("\(executable): \(error.localizedDescription)"))
        }
        // Input is written from its own thread; both outputs are read here, with poll(2), so no
        // thread of a shared pool is ever blocked waiting for another.
        if let input {
            let writer = stdin.fileHandleForWriting
            Thread.detachNewThread {
                _ = signal(SIGPIPE, SIG_IGN)
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        let end = ContinuousClock.now + .milliseconds(Int(deadline * 1000))
        var out = [UInt8]()
        var err = [UInt8]()
        let outFD = stdout.fileHandleForReading.fileDescriptor
        var open = [outFD, stderr.fileHandleForReading.fileDescriptor]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var timedOut = false
        while !open.isEmpty {
            let remaining = ContinuousClock.now.duration(to: end)
            guard remaining > .zero else {
                timedOut = true
                break
            }
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(max(1, min(60_000, remaining.seconds * 1000))))
            if ready < 0, errno != EINTR { break }
            for descriptor in descriptors where descriptor.revents != 0 {
                let count = chunk.withUnsafeMutableBufferPointer { read(descriptor.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if descriptor.fd == outFD {
                        out.append(contentsOf: chunk[..<count])
                    } else {
                        err.append(contentsOf: chunk[..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == descriptor.fd }
                }
            }
        }
        let left = max(0.001, ContinuousClock.now.duration(to: end).seconds)
        if timedOut || exited.wait(timeout: .now() + left) == .timedOut {
            kill(-process.processIdentifier, SIGKILL)  // its own process group, children included
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            return .failure(.timedOut(deadline))
        }
        return .success(
            Output(
                status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
                standardError: String(decoding: err, as: UTF8.self)))
    }
}

/// Limits how many blocking child processes run at once, and runs them off Swift's cooperative pool.
actor ProcessGate {
    private let limit: Int
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        if running >= limit {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            running += 1
        }
        let result = await onOwnThread(body)
        if waiters.isEmpty {
            running -= 1
        } else {
            waiters.removeFirst().resume()
        }
        return result
    }
}

/// Runs blocking work on a thread of its own, outside Swift's cooperative pool and Dispatch's
/// (whose width grows only slowly when its threads block).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
