import EvalBackends
import EvalCore
import EvalEngine
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Logging

/// The llama-server processes the engine tests share: each quantization is started once, on a
/// loopback port of its own, when a test first asks for it, and stopped when the test process exits
/// (the server's watchdog sees its pipe close).
actor EngineFixture {
    static let shared = EngineFixture()

    /// Set to 1 to run `make test` without the engine; the tests then report, by name, that they did not run.
    static let skipVariable = "EVALCTL_SKIP_ENGINE_TESTS"
    static var skipped: Bool { ProcessInfo.processInfo.environment[skipVariable] == "1" }

    let transport = HTTPTransport()
    private var servers: [String: LlamaServer] = [:]

    /// The engine `make engine` built; a test fails with the reason when it is missing.
    nonisolated func installation() throws -> EngineInstallation {
        do {
            return try EngineInstallation.locate()
        } catch {
            throw FixtureError(description: "\(error); or set \(Self.skipVariable)=1 to leave the engine tests out")
        }
    }

    /// A running server of one quantization, started with `extraArguments` (one server per distinct list).
    func server(_ quantization: String, extraArguments: [String] = []) async throws -> LlamaServer {
        let key = ([quantization] + extraArguments).joined(separator: " ")
        if let running = servers[key] { return running }
        var options = LlamaServer.Options()
        options.extraArguments = extraArguments
        let server = try await LlamaServer.start(try installation(), quantization: quantization, options: options, transport: transport)
        servers[key] = server
        return server
    }

    /// A platform configuration pointing at a server.
    func platform(
        _ quantization: String, name: String? = nil, protocol wireProtocol: PlatformConfiguration.WireProtocol = .openAIChat,
        extraArguments: [String] = []
    ) async throws -> PlatformConfiguration {
        let server = try await server(quantization, extraArguments: extraArguments)
        var platform = PlatformConfiguration(
            name: name ?? quantization.lowercased(), wireProtocol: wireProtocol, baseURL: server.baseURL, model: EngineInstallation.modelName,
            maxConcurrency: 2, requestTimeout: 120
        )
        platform.maxAttempts = 1
        return platform
    }

    static var quiet: Logger {
        var logger = Logger(label: "engine-tests")
        logger.logLevel = .critical
        return logger
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// A request no backend of evalctl would send (a raw body, for engine facts the backends avoid).
enum RawHTTP {
    static func post(_ url: String, body: String) async throws -> (status: Int, body: Data) {
        guard let address = URL(string: url) else { throw FixtureError(description: "bad URL \(url)") }
        var request = URLRequest(url: address)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
