import ArgumentParser
import EvalBackends
import EvalCore
import EvalEngine
import Foundation

extension EvalCtl {
    /// `evalctl engine`: the real inference engine `make engine` builds (llama.cpp + SmolLM2).
    struct Engine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Real llama.cpp servers serving SmolLM2-135M-Instruct in several quantizations (built by `make engine`).",
            subcommands: [Sweep.self, Calibrate.self, Soak.self, Serve.self]
        )

        /// What both subcommands take: which quantizations, where the configuration goes.
        struct EngineOptions: ParsableArguments {
            @Option(name: .customLong("quantization"), help: "A quantization to serve, as a platform (repeatable; the first is the reference).")
            var quantizations: [String] = EngineInstallation.quantizations
            @Flag(help: "Also serve the reference's model from a second server, as platform '<reference>-twin' (the reference against itself).")
            var twin = false
            @Flag(
                help:
                    "Stream every platform but the reference (server-sent events): the twin then checks that a streamed answer is the one given whole."
            )
            var stream = false
            @Option(help: "Suite files the configuration sweeps.") var suiteFile: [String] = ["Evals/engine/short.yaml"]
            @Option(help: "The store the configuration names.") var store = "results/engine/evalctl.sqlite"
            @Option(help: "Where to write the configuration that points at the servers.") var configOut = "results/engine/evalctl.yaml"
            @Option(help: "Generation threads per server (-t); 1 on shared cores.") var threads = 1
            @Option(
                name: .customLong("fault"),
                help:
                    "Also serve the reference's model behind a proxy that injects a sampler fault into a share of chat requests, as platform '<reference>-KIND' (KIND=RATE: xtc=0.1, foreign-bias=0.05; repeatable)."
            )
            var faultTexts: [String] = []

            /// The parsed `--fault` options.
            var faults: [SamplerFault] { faultTexts.compactMap { try? SamplerFault(parsing: $0) } }

            func validate() throws {
                for quantization in quantizations where !EngineInstallation.quantizations.contains(quantization) {
                    throw ValidationError(
                        "'--quantization' must be one of \(EngineInstallation.quantizations.joined(separator: ", ")), got '\(quantization)'.")
                }
                guard !quantizations.isEmpty else { throw ValidationError("give at least one '--quantization'.") }
                guard Set(quantizations).count == quantizations.count else { throw ValidationError("each '--quantization' may be given once.") }
                for file in suiteFile where !FileManager.default.fileExists(atPath: file) {
                    throw ValidationError("'--suite-file': \(file) does not exist (run from the repository's folder, or give a path).")
                }
                guard (1...64).contains(threads) else { throw ValidationError("'--threads' must be in 1...64, got \(threads).") }
                for text in faultTexts {
                    do {
                        _ = try SamplerFault(parsing: text)
                    } catch {
                        throw ValidationError("'--fault': \(error)")
                    }
                }
                guard Set(faults.map(\.kind)).count == faults.count else { throw ValidationError("each '--fault' kind may be given once.") }
            }
        }

        /// `evalctl engine sweep`: start the servers, sweep, print, stop.
        struct Sweep: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Start one llama-server per quantization, sweep the short suite against them (F16 the reference), print the summary, stop them."
            )

            @OptionGroup var engine: EngineOptions
            @Option(help: "Mix this number into every seed (another draw of the same requests).") var seed: UInt64 = 0
            @Flag(help: "Run regression detection after the sweep.") var alert = false
            @Option(help: "Drift thresholds file (default: drift-calibration.json next to the store, else built-in).") var calibration: String?
            @Option(help: "Log level on standard error.") var logLevel: String?

            func run() async throws {
                try await EngineCluster.run(EvalCtl.Sweep.self, engine: engine) { _ in
                    var arguments = ["--seed", "\(seed)"]
                    if alert { arguments.append("--alert") }
                    if let calibration { arguments += ["--calibration", calibration] }
                    if let logLevel { arguments += ["--log-level", logLevel] }
                    return arguments
                }
            }
        }

        /// `evalctl engine calibrate`: the drift noise floor of the engine's healthy platforms.
        struct Calibrate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Start the healthy quantizations (F16 the reference, Q8_0, Q4_1: same weights, other kernels), run seeded calibration sweeps, write drift-calibration.json next to the store.",
                discussion: "`evalctl engine sweep` and `evalctl drift` against the same store then judge by these thresholds."
            )

            @OptionGroup var engine: EngineOptions
            @Option(help: "Seeded sweeps to run.") var sweeps = 4
            @Option(help: "Sweep i (from 1) mixes seed-base + i into every seed.") var seedBase: UInt64 = 1000
            @Option(help: "Log level on standard error.") var logLevel: String?

            func validate() throws {
                guard sweeps >= 2 else { throw ValidationError("'--sweeps' must be at least 2, got \(sweeps).") }
            }

            func run() async throws {
                var engine = engine
                if engine.quantizations == EngineInstallation.quantizations { engine.quantizations = ["F16", "Q8_0", "Q4_1"] }
                try await EngineCluster.run(EvalCtl.Calibrate.self, engine: engine) { cluster in
                    var arguments = ["--sweeps", "\(sweeps)", "--seed-base", "\(seedBase)"]
                    for (name, _) in cluster.servers { arguments += ["--platform", name] }
                    if let logLevel { arguments += ["--log-level", logLevel] }
                    return arguments
                }
            }
        }

        /// `evalctl engine serve`: start the servers and keep them until interrupted.
        struct Serve: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Start one llama-server per quantization, write a configuration pointing at them, and serve until interrupted.",
                discussion: "Then `evalctl sweep --config results/engine/evalctl.yaml` (or calibrate, drift, compare) works against real servers."
            )

            @OptionGroup var engine: EngineOptions

            func run() async throws {
                let cluster = try await EngineCluster.start(engine)
                defer { cluster.stop() }
                // Written unbuffered: scripts read the servers' addresses from these lines.
                var lines = ["evalctl engine: configuration written to \(engine.configOut); interrupt to stop the servers"]
                for (name, server) in cluster.servers { lines.append("  \(name): \(server.baseURL) (log \(server.logPath))") }
                for (name, proxy) in cluster.proxies {
                    lines.append(
                        "  \(name): \(proxy.baseURL) (\(proxy.fault) of chat requests, relayed to \(cluster.faultyUpstream?.baseURL ?? "?"))")
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                do {
                    try await InterruptibleTask.run { try await Task.sleep(for: .seconds(86_400 * 365)) }
                } catch is CancellationError {
                    return
                }
            }
        }
    }
}

/// The servers of `evalctl engine`, and the configuration that points at them.
struct EngineCluster {
    /// The platforms served directly, the reference first.
    var servers: [(name: String, server: LlamaServer)]
    /// The platforms behind a fault proxy, and the one server they all relay to.
    var proxies: [(name: String, proxy: FaultProxy)] = []
    var faultyUpstream: LlamaServer?

    /// Every platform's name and base URL, the reference first.
    var platforms: [(name: String, baseURL: String)] {
        servers.map { ($0.name, $0.server.baseURL) } + proxies.map { ($0.name, $0.proxy.baseURL) }
    }

    /// A platform's name for a quantization (`Q8_0` → `q8_0`).
    static func platformName(_ quantization: String) -> String { quantization.lowercased() }

    static func start(_ options: EvalCtl.Engine.EngineOptions) async throws -> EngineCluster {
        let installation: EngineInstallation
        do {
            installation = try EngineInstallation.locate()
        } catch {
            printError("\(error)")
            throw ExitStatus.badInput.code
        }
        let transport = HTTPTransport()
        var serverOptions = LlamaServer.Options()
        serverOptions.threads = options.threads
        var servers: [(String, LlamaServer)] = []
        var wanted = options.quantizations.map { (platformName($0), $0) }
        if options.twin, let reference = options.quantizations.first { wanted.append((platformName(reference) + "-twin", reference)) }
        var failure: (any Error)?
        for (name, quantization) in wanted where failure == nil {
            do {
                servers.append(
                    (name, try await LlamaServer.start(installation, quantization: quantization, options: serverOptions, transport: transport)))
            } catch {
                failure = error
            }
        }
        var cluster = EngineCluster(servers: servers)
        if failure == nil, !options.faults.isEmpty, let reference = options.quantizations.first {
            do {
                let upstream = try await LlamaServer.start(installation, quantization: reference, options: serverOptions, transport: transport)
                cluster.faultyUpstream = upstream
                for fault in options.faults {
                    let proxy = try await FaultProxy.start(upstream: upstream.serverRoot, fault: fault, transport: transport)
                    cluster.proxies.append((fault.platformName(base: platformName(reference)), proxy))
                }
            } catch {
                failure = error
            }
        }
        if let failure {
            cluster.stop()
            try? await transport.shutdown()
            printError("\(failure)")
            throw ExitStatus.infrastructure.code
        }
        cluster.transport = transport
        try cluster.writeConfiguration(options)
        return cluster
    }

    /// The client the proxies relay through; closed by ``stop()``.
    var transport: HTTPTransport?

    /// Stops the proxies and the servers.
    func stop() {
        for (_, proxy) in proxies { proxy.cancel() }
        for (_, server) in servers { server.stop() }
        faultyUpstream?.stop()
        if let transport { Task { try? await transport.shutdown() } }
    }

    /// Starts the servers, runs another evalctl command against the configuration that points at
    /// them (`--config` added to the arguments), and stops them whatever the command did.
    static func run<Command: AsyncParsableCommand>(
        _ command: Command.Type, engine: EvalCtl.Engine.EngineOptions, arguments: (EngineCluster) -> [String]
    ) async throws {
        let cluster = try await start(engine)
        defer { cluster.stop() }
        var parsed = try Command.parse(["--config", engine.configOut] + arguments(cluster))
        try await parsed.run()
    }

    /// Writes the YAML configuration: paths absolute, so it works from any folder.
    func writeConfiguration(_ options: EvalCtl.Engine.EngineOptions) throws {
        let here = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : (here as NSString).appendingPathComponent(path) }
        var lines = [
            "# Written by `evalctl engine`: llama-server processes on loopback, one per quantization of one model.",
            "store: \(yamlQuoted(absolute(options.store)))",
            "reference: \(servers[0].name)",
            "suites: [\(options.suiteFile.map { yamlQuoted(absolute($0)) }.joined(separator: ", "))]",
            "platforms:",
        ]
        for (index, (name, baseURL)) in platforms.enumerated() {
            let stream = options.stream && index > 0 ? ", stream: true" : ""
            lines.append(
                "  - {name: \(name), protocol: openai-chat, base_url: \(yamlQuoted(baseURL)), model: \(EngineInstallation.modelName), max_concurrency: 2, timeout: 300, top_logprobs: 5\(stream)}"
            )
        }
        let path = absolute(options.configOut)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try TextFile.write(lines.joined(separator: "\n") + "\n", to: path)
    }

    private func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
