import ArgumentParser
import EvalBackends
import EvalConfig
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
    let status: ExitStatus
    switch error {
    case let error as StoreError:
        status = error.isLocked ? .locked : error.isBadDatabase ? .badDatabase : .badInput
    case is ConfigError, is BackendFactory.UnsupportedProtocol, is ValidationError:
        status = .badInput
    case is CancellationError:
        status = .interrupted
    default:
        status = .infrastructure
    }
    FileHandle.standardError.write(Data("evalctl: error: \(error)\n".utf8))
    return status.code
}
