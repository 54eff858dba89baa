import Foundation
import ArgumentParser

/// The evalctl command line.
@main
struct EvalCtl: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "evalctl",
        abstract: "Continuous production-quality evaluation of LLM serving platforms.",
        discussion: """
            Exit codes: 0 success; 1 quality regression (gate); 2 bad usage, configuration or suite; \
            3 the store is locked by another sweep; 4 the store is not a usable database; \
            5 infrastructure failure (a platform answered no request); 6 interrupted.
            """,
        version: version,
        subcommands: [
            Sweep.self, Alerts.self, Compare.self, Gate.self, Report.self, Serve.self, Drift.self, Calibrate.self, Runs.self, Show.self,
            Score.self, Fleet.self, Engine.self, Demo.self, Plan.self, Store.self,
        ]
    )
}

extension EvalCtl {
    /// Runs the command line.
    ///
    /// Usage errors (an unknown flag, a bad value caught by `validate()`)
    /// exit 2 like every other bad input, not ArgumentParser's 64, so schedulers see one code for
    /// "a person must fix the invocation".
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}
