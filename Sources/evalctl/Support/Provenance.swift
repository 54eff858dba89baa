import EvalStore
import Foundation

extension ResultStore.Provenance {
    /// The running evalctl: its version, and the git commit of the checkout it was built in
    /// (with a dirty flag) when the executable lives inside one.
    static func current() -> Self {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let commit = git(["rev-parse", "HEAD"], in: executable)
        let dirty = commit == nil ? nil : git(["status", "--porcelain", "--untracked-files=no"], in: executable).map { !$0.isEmpty }
        return Self(evalctlVersion: EvalCtl.version, gitCommit: commit, gitDirty: dirty, host: ProcessInfo.processInfo.hostName)
    }

    private static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
