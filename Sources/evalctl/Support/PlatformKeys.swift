import EvalCore
import Foundation

/// The keys a configuration's platforms authenticate with.
///
/// The value of the variable `api_key_env` names, or what `access_token_command` prints (run once,
/// within 30 seconds, its output trimmed). Both are secrets: they go to the requests and to the redactor, nowhere else.
enum PlatformKeys {
    /// An access token command that failed: its exit status, never its output.
    struct CommandFailure: Error, CustomStringConvertible {
        var platform: String
        var reason: String
        var description: String { "platform '\(platform)': access_token_command \(reason)" }
    }

    /// Seconds an access token command may take.
    static let deadline = 30.0

    /// Per platform name, its key (platforms without one are absent).
    static func resolve(_ configuration: EvalConfiguration, environment: [String: String]) throws -> [String: APIKey] {
        var keys: [String: APIKey] = [:]
        var printed: [String: APIKey] = [:]
        for platform in configuration.platforms {
            if let command = platform.accessTokenCommand {
                if printed[command] == nil { printed[command] = try run(command, platform: platform.name) }
                keys[platform.name] = printed[command]
            } else if let value = platform.apiKeyEnv.flatMap({ environment[$0] }) {
                keys[platform.name] = APIKey(value)
            }
        }
        return keys
    }

    /// Runs a command with `/bin/sh -c` and returns its standard output, trimmed.
    static func run(_ command: String, platform: String) throws -> APIKey {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CommandFailure(platform: platform, reason: "could not start: \(error.localizedDescription)")
        }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: timer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        if process.terminationReason == .uncaughtSignal {
            throw CommandFailure(platform: platform, reason: "did not finish within \(Int(deadline)) s")
        }
        guard process.terminationStatus == 0 else {
            throw CommandFailure(platform: platform, reason: "exited with status \(process.terminationStatus)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains("\n") else {
            throw CommandFailure(platform: platform, reason: token.isEmpty ? "printed nothing" : "printed more than one line")
        }
        return APIKey(token)
    }
}
