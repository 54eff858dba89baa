import ArgumentParser
import EvalStore
import Foundation
import Logging

/// Options every command that reads the store accepts.
struct CommonOptions: ParsableArguments {
    @Option(help: "Configuration file (default: ./evalctl.yaml, else the embedded fleet).") var config: String?
    @Option(help: "SQLite store, overriding the configuration's 'store'.") var store: String?
    @Option(help: "Log level on standard error: trace, debug, info, notice, warning, error.") var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("'--log-level' must be one of trace, debug, info, notice, warning, error, critical; got '\(logLevel)'.")
        }
    }

    /// The process's logger: standard error, level from `--log-level` or `EVALCTL_LOG_LEVEL`.
    func makeLogger() -> Logger { Self.makeLogger(level: logLevel) }

    /// The logger of a command that takes no common options: `level`, else `EVALCTL_LOG_LEVEL`, else warnings.
    static func makeLogger(level name: String?) -> Logger {
        let level = (name ?? ProcessInfo.processInfo.environment["EVALCTL_LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingBootstrap.once
        var logger = Logger(label: "evalctl")
        logger.logLevel = level
        return logger
    }

    /// The store path: `--store`, else the configuration's.
    func storePath() throws -> String {
        let path = try store ?? ConfigurationSource.load(path: config, store: nil).configuration.store
        try ResultStore.checkIsFilePath(path)
        return path
    }
}

/// Bootstraps swift-log once per process, to standard error.
enum LoggingBootstrap {
    static let once: Void = {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    }()
}

/// The configuration and the existing store a reading command works on.
struct OpenedStore {
    var source: ConfigurationSource
    var path: String
    var store: ResultStore

    var parts: (ConfigurationSource, String, ResultStore) { (source, path, store) }
}

extension CommonOptions {
    /// Loads the configuration and opens its store, which must exist already.
    ///
    /// - Parameter access: `.readOnly` for commands that only read (the file is never changed).
    func openExistingStore(access: ResultStore.Access = .readOnly) throws -> OpenedStore {
        let source = try ConfigurationSource.load(path: config, store: store)
        let path = source.configuration.store
        try ResultStore.checkIsFilePath(path)
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path) does not exist yet (run `evalctl sweep`)") }
        return OpenedStore(source: source, path: path, store: try ResultStore(path: path, access: access))
    }
}
