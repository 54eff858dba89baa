import EvalStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the server, used by one thread at a time, reconnected at the start of a
/// transaction when the server closed it.
final class PostgresLink: @unchecked Sendable {
    // @unchecked: `connection` is only touched under `lock`.
    let url: PostgresURL
    private let password: String?
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// The answer the link waits for, if any.
    private let pending = NIOLockedValueBox<(connection: ObjectIdentifier, answer: EventLoopPromise<PostgresQueryResult>)?>(nil)
    static let logger = Logger(label: "evalctl.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// How long connecting may take.
    static let connectTimeout = TimeAmount.seconds(10)

    init(url: PostgresURL, password: String?) throws(PostgresStoreError) {
        self.url = url
        self.password = password
        connection = try connect()
    }

    deinit {
        // Closed without waiting; the connection lives until its close completes.
        guard let connection else { return }
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func connect() throws(PostgresStoreError) -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = Self.connectTimeout
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: Self.logger
            ).wait()
        } catch {
            throw classify(error)
        }
        // The statement waiting for an answer when the connection closes fails then.
        let identity = ObjectIdentifier(connection)
        connection.closeFuture.whenComplete { [pending] _ in
            pending.withLockedValue { if $0?.connection == identity { $0?.answer.fail(Closed()) } }
        }
        return connection
    }

    /// Runs `body` with the connection to itself, reconnecting first if the server closed it.
    func exclusively<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            if connection?.isClosed != false { connection = try connect() }
            return try body()
        }
    }

    /// Runs one statement (call inside ``exclusively(_:)``).
    func query(_ sql: String, _ values: [SQLValue]) throws(PostgresStoreError) -> PostgresQueryResult {
        guard let connection else { throw .unavailable(url, "not connected") }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            // PostgreSQL's text cannot hold U+0000; model output can.
            case .text(let text): binds.append(text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            }
        }
        // postgres-nio drops a query written to a connection that has closed (its future never
        // completes): the statement's answer also fails when the connection closes, and after a
        // deadline.
        guard !connection.isClosed else { throw .unavailable(url, "the server closed the connection") }
        let eventLoop = connection.eventLoop
        let answer = eventLoop.makePromise(of: PostgresQueryResult.self)
        pending.withLockedValue { $0 = (ObjectIdentifier(connection), answer) }
        defer { pending.withLockedValue { $0 = nil } }
        if connection.isClosed { answer.fail(Closed()) }
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: Self.logger).cascade(to: answer)
        let deadline = eventLoop.scheduleTask(in: Self.statementDeadline) { answer.fail(Deadline()) }
        defer { deadline.cancel() }
        do {
            return try answer.futureResult.wait()
        } catch is Closed {
            throw .unavailable(url, "the server closed the connection")
        } catch is Deadline {
            // The connection's state is unknown: the next transaction opens a new one.
            let closing: EventLoopFuture<Void> = connection.close()
            closing.whenComplete { _ in withExtendedLifetime(connection) {} }
            throw .unavailable(url, "no answer to a statement within \(Self.statementDeadline.nanoseconds / 1_000_000_000) s")
        } catch {
            throw classify(error)
        }
    }

    /// How long one statement may take before the server counts as gone.
    ///
    /// Generous: the longest statements (a large run's tallies, a copy's page) take seconds.
    static let statementDeadline = TimeAmount.seconds(300)

    private struct Deadline: Error {}
    private struct Closed: Error {}

    /// Server errors of a statement are refusals, except the classes that mean the server is
    /// going away or out of resources (08 connection, 53 resources, 57 operator intervention,
    /// 58 system); everything else (a closed or failed connection) is unavailability.
    func classify(_ error: any Error) -> PostgresStoreError {
        guard let error = error as? PSQLError else { return .unavailable(url, "\(error)") }
        let message = error.serverInfo?[.message]
        let state = error.serverInfo?[.sqlState] ?? ""
        if error.code == .server, let message {
            let transient = ["08", "53", "57", "58"].contains(String(state.prefix(2)))
            return transient ? .unavailable(url, "\(message) [\(state)]") : .refused(url, "\(message) [\(state)]")
        }
        if let message { return .unavailable(url, message) }
        var reason = "\(error.code)"
        if let underlying = error.underlying { reason += ": \(underlying)" }
        return .unavailable(url, reason)
    }
}
