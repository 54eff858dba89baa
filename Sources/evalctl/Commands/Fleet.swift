import ArgumentParser
import EvalConfig
import EvalFleet
import Foundation

extension EvalCtl {
    /// `evalctl fleet`: the simulated fleet.
    struct Fleet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The simulated fleet of OpenAI-compatible platforms.",
            subcommands: [Serve.self]
        )

        /// `evalctl fleet serve`: serve the fleet until interrupted.
        struct Serve: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Serve the fleet at http://HOST:PORT/<platform>/v1 until interrupted."
            )

            @Option(help: "Address to bind.") var host = "127.0.0.1"
            @Option(help: "Port to bind (0 picks a free one).") var port = 8080
            @Option(help: "Log level on standard error.") var logLevel: String?
            @Option(help: "Scenario: standard, faulty, or a scenario file.") var scenario = "standard"
            @Flag(help: "Answer each distinct request from a memo of its first answer, whatever the seed (for load tests of the harness).")
            var instant = false

            func validate() throws {
                guard (0...65535).contains(port) else { throw ValidationError("'--port' must be in 0...65535, got \(port).") }
            }

            func run() async throws {
                let options = try CommonOptions.parse(logLevel.map { ["--log-level", $0] } ?? [])
                let loaded: FleetScenario
                do {
                    loaded = try ScenarioLoader.load(scenario)
                } catch {
                    throw fail(error)
                }
                let server = FleetServer(scenario: loaded, logger: options.makeLogger(), instant: instant)
                let scenario = server.scenario
                try await server.run(host: host, port: port) { bound in
                    // Written unbuffered: scripts read the bound port from these lines.
                    var lines = ["evalctl fleet: serving \(scenario.platforms.map(\.name).joined(separator: ", ")) (model \(scenario.model))"]
                    for platform in scenario.platforms {
                        lines.append("  \(platform.name): http://\(host):\(bound)/\(platform.name)/v1")
                    }
                    FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                }
            }
        }
    }
}
