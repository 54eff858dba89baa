import ArgumentParser
import EvalBackends
import EvalConfig
import EvalCore
import EvalPostgres
import EvalStore
import Foundation

/// evalctl's exit codes, documented in `evalctl --help` and the README.
enum ExitStatus: Int32 {
    case success = 0
    case regression = 1
    case badInput = 2
    case locked = 3
    case badDatabase = 4
    case infrastructure = 5
    case interrupted = 6

    var code: ExitCode { ExitCode(rawValue) }
}

/// Prints a one-line error to standard error and exits with the status its kind calls for.
func fail(_ error: any Error) -> ExitCode {
    // SQLite errors raised far from the store's opening (a damaged page, a full disk) are store errors too.
    let error = StoreError.classifying(error) ?? error
    let status: ExitStatus
    switch error {
    case let error as StoreError:
        status = error.isLocked ? .locked : error.isBadDatabase ? .badDatabase : .badInput
    case is ConfigError, is BackendFactory.UnsupportedProtocol, is ValidationError, is RunSelection.Incomplete, is ShardError, is ShardMismatch,
        is ResultStore.CopyRefused:
        status = .badInput
    case let error as PostgresStoreError:
        status = error.kind == .badURL ? .badInput : error.kind == .refused ? .badDatabase : .infrastructure
    case is CancellationError:
        status = .interrupted
    default:
        status = .infrastructure
    }
    printError("\(error)")
    return status.code
}

/// Prints `evalctl: error: …` on standard error, on one line, with the configured secrets redacted.
func printError(_ message: String) {
    let line = ProcessSecrets.redactor.redact(message).replacingOccurrences(of: "\n", with: " ")
    FileHandle.standardError.write(Data("evalctl: error: \(line)\n".utf8))
}

/// Prints `evalctl: …` on standard error, on one line: a fact about the run, not an error.
func printNote(_ message: String) {
    let line = ProcessSecrets.redactor.redact(message).replacingOccurrences(of: "\n", with: " ")
    FileHandle.standardError.write(Data("evalctl: \(line)\n".utf8))
}
