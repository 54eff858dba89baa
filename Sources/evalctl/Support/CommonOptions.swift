import ArgumentParser
import EvalStore
import Foundation
import Logging

/// Options every command that reads the store accepts.
struct CommonOptions: ParsableArguments {
    @Option(help: "Configuration file (default: ./evalctl.yaml, else the embedded fleet).") var config: String?
    @Option(help: "The store, overriding the configuration's 'store': a SQLite file, or postgresql://user@host:port/db (password from PGPASSWORD).")
    var store: String?
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

    /// The store: `--store`, else the configuration's.
    func storeTarget() throws -> StoreTarget {
        let configuration = try ConfigurationSource.load(path: config, store: store).configuration
        let target = StoreTarget(configuration)
        _ = try target.url()
        return target
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
        let target = StoreTarget(source.configuration)
        _ = try target.url()
        guard target.exists else { throw ValidationError("\(target.location) does not exist yet (run `evalctl sweep`)") }
        return OpenedStore(source: source, path: target.location, store: try target.open(access: access))
    }
}
