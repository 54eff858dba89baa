import EvalCore
import Foundation

/// Finds the language toolchains installed on this machine and builds the syntax checkers.
///
/// Programs are looked up on `PATH`, or taken from `EVALCTL_PYTHON`, `EVALCTL_NODE`,
/// `EVALCTL_SWIFTC`, `EVALCTL_BASH`; TypeScript from `EVALCTL_TYPESCRIPT` (the module folder,
/// default Debian's `/usr/share/nodejs/typescript`). A missing one makes its language `unavailable`.
public struct Toolchains: Sendable {
    /// Per language checked by an external program: the program, or why there is none.
    public var found: [CodeLanguage: Result<String, Missing>]
    /// Seconds allowed per snippet.
    public var deadline: Double
    /// Worker processes per worker-backed language.
    public var workers: Int

    /// Why a toolchain is unavailable.
    public struct Missing: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Looks the toolchains up.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, deadline: Double = 10, workers: Int? = nil) {
        self.deadline = deadline
        self.workers = workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        func program(_ variable: String, _ names: [String], package: String) -> Result<String, Missing> {
            if let explicit = environment[variable], !explicit.isEmpty {
                return FileManager.default.isExecutableFile(atPath: explicit)
                    ? .success(explicit) : .failure(Missing(description: "\(variable)=\(explicit) is not an executable"))
            }
            for folder in path {
                for name in names where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return .success(folder + "/" + name) }
            }
            return .failure(Missing(description: "\(names[0]) is not installed (\(package))"))
        }
        let node = program("EVALCTL_NODE", ["node", "nodejs"], package: "apt install nodejs")
        let typescriptModule = environment["EVALCTL_TYPESCRIPT"] ?? "/usr/share/nodejs/typescript"
        var found: [CodeLanguage: Result<String, Missing>] = [:]
        found[.python] = program("EVALCTL_PYTHON", ["python3"], package: "apt install python3").map(Self.resolvingShim)
        found[.javascript] = node
        found[.typescript] = node.flatMap { node in
            FileManager.default.fileExists(atPath: typescriptModule + "/package.json")
                ? .success(node) : .failure(Missing(description: "TypeScript is not installed at \(typescriptModule) (apt install node-typescript)"))
        }
        found[.swift] = program("EVALCTL_SWIFTC", ["swiftc"], package: "a Swift toolchain")
        found[.bash] = program("EVALCTL_BASH", ["bash"], package: "apt install bash")
        self.found = found
        self.typescriptModule = typescriptModule
    }

    let typescriptModule: String

    /// The interpreter behind a version manager's shim (pyenv's `python3` is a shell script that
    /// costs a bash start-up per worker start), else the program itself.
    static func resolvingShim(_ program: String) -> String {
        guard program.contains("/shims/") else { return program }
        let run = ChildProcess.run(program, ["-c", "import sys; print(sys.executable)"], deadline: 10)
        guard case .success(let output) = run, output.status == 0 else { return program }
        let resolved = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: resolved) ? resolved : program
    }

    /// The checkers: one per language, `unavailable` ones for missing toolchains.
    public func checkers() -> SyntaxCheckers {
        var checkers: [any SyntaxChecker] = [JSONSyntaxChecker(), SQLiteSyntaxChecker(), YAMLSyntaxChecker()]
        for language in [CodeLanguage.python, .javascript, .typescript, .swift, .bash] {
            switch found[language] {
            case .success(let program)?:
                switch language {
                case .python:
                    checkers.append(
                        WorkerSyntaxChecker(
                            language: .python, executable: program, arguments: ["-u", "-I", "-c", WorkerScripts.python], workers: workers,
                            deadline: deadline))
                case .javascript:
                    checkers.append(
                        WorkerSyntaxChecker(
                            language: .javascript, executable: program,
                            arguments: ["--experimental-vm-modules", "--no-warnings", "-e", WorkerScripts.javascript], workers: workers,
                            deadline: deadline
                        ))
                case .typescript:
                    checkers.append(
                        WorkerSyntaxChecker(
                            language: .typescript, executable: program, arguments: ["-e", WorkerScripts.typescript(module: typescriptModule)],
                            workers: workers, deadline: deadline
                        ))
                case .swift:
                    checkers.append(SwiftSyntaxChecker(swiftc: program, deadline: deadline, processes: workers))
                default:
                    checkers.append(BashSyntaxChecker(bash: program, deadline: deadline, processes: workers * 2))
                }
            case .failure(let missing)?:
                checkers.append(UnavailableSyntaxChecker(language: language, reason: missing.description))
            case nil:
                break
            }
        }
        return SyntaxCheckers(checkers)
    }
}

/// The checker of a language whose toolchain is missing: every snippet is `unavailable`.
public struct UnavailableSyntaxChecker: SyntaxChecker {
    public let language: CodeLanguage
    let reason: String

    public init(language: CodeLanguage, reason: String) {
        self.language = language
        self.reason = reason
    }

    public func check(_ snippets: [String]) async -> [SyntaxVerdict] {
        snippets.map { _ in .unavailable(reason) }
    }
}
