import Foundation
import Testing

/// Generated malformed configurations and suites, each fed to `evalctl sweep` as a user would:
/// every one must exit 2 with one line naming the file at fault, write nothing, and stay within
/// 2 seconds and 200 MB.
@Suite(.serialized)
struct MalformedInputFuzzTests {
    static let platform = "{name: ref, base_url: embedded, model: evalctl-fleet-1}"

    /// A valid configuration and suite, and the text of each with one thing broken.
    struct Case: CustomStringConvertible {
        var name: String
        var config: [UInt8]
        var suite: [UInt8]
        /// Which file the error must name.
        var faultyFile: String
        var description: String { name }
    }

    static func config(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    static let validConfig = [
        "store: results/evalctl.sqlite",
        "reference: ref",
        "suites: [suite.yaml]",
        "platforms:",
        "  - name: ref",
        "    base_url: embedded",
        "    model: evalctl-fleet-1",
        "    max_concurrency: 4",
        "    timeout: 10",
    ]

    static let validSuite = [
        "id: fuzz",
        "version: 1",
        "defaults: {temperature: 0.7, max_tokens: 16, samples: 1}",
        "cases:",
        "  - id: one",
        "    prompt: Say hello.",
        "    expect: {language: en}",
    ]

    /// Every generated case: replacements of one line, insertions, removals, and bytes in other encodings.
    static func cases() -> [Case] {
        var cases: [Case] = []
        let suite = config(validSuite)
        func configCase(_ name: String, _ lines: [String]) {
            cases.append(Case(name: "config: " + name, config: config(lines), suite: suite, faultyFile: "evalctl.yaml"))
        }
        func suiteCase(_ name: String, _ lines: [String]) {
            cases.append(Case(name: "suite: " + name, config: config(validConfig), suite: config(lines), faultyFile: "suite.yaml"))
        }
        // Values of the wrong type, out of range or malformed, one key at a time.
        let platformValues: [(String, [String])] = [
            ("name", ["", "'has space'", "[a]", "{a: 1}", "12", String(repeating: "n", count: 200)]),
            ("base_url", ["ftp://host", "not a url", "[embedded]", "12", "http://"]),
            ("model", ["[m]", "{m: 1}", "5", "true", String(repeating: "m", count: 5000)]),
            ("max_concurrency", ["0", "-3", "many", "1.5", "[4]", "99999"]),
            ("timeout", ["0", "-1", "soon", "[10]", "1e99"]),
            ("max_attempts", ["0", "21", "x"]),
            ("protocol", ["grpc", "[openai-chat]", "1"]),
            ("api_key_env", ["sk-live-abc", "'1ABC'", "[KEY]"]),
            ("top_logprobs", ["21", "-1", "lots"]),
            ("teacher_forcing", ["maybe", "[auto]"]),
            ("served_by_headers", ["x-served-by", "5", "{a: b}"]),
            ("circuit_threshold", ["0", "x"]),
            ("platform_deadline", ["0", "never"]),
        ]
        for (key, values) in platformValues {
            for value in values {
                var lines = validConfig
                if let index = lines.firstIndex(where: { $0.hasPrefix("    \(key):") || $0.hasPrefix("  - \(key):") }) {
                    lines[index] = (key == "name" ? "  - " : "    ") + "\(key): \(value)"
                } else {
                    lines.append("    \(key): \(value)")
                }
                configCase("platforms[0].\(key) = \(value.prefix(20))", lines)
            }
        }
        let rootValues: [(String, [String])] = [
            ("store", ["12345", "true", "[a.sqlite]", "{a: 1}"]),
            ("reference", ["nosuch", "[ref]", "7", ""]),
            ("suites", ["suite.yaml", "5", "[nomatch-*.yaml]", "{a: b}"]),
            ("routing_keys", ["5", "key", "[]", "[a, '']", "[1, 2]"]),
            ("rotate_routing_keys", ["hourly", "1"]),
            ("fleet", ["nosuchscenario", "[standard]", "3.5"]),
            ("gate", ["{alpha: 2}", "{min_effect: -1}", "{colour: red}", "strict"]),
            ("alerts", ["{sinks: [{type: carrier-pigeon}]}", "{sinks: [{type: webhook, url_env: 'https://x'}]}", "{rate_ratio: 1}", "loud"]),
        ]
        for (key, values) in rootValues {
            for value in values {
                var lines = validConfig.filter { !$0.hasPrefix("\(key):") }
                lines.insert("\(key): \(value)", at: 0)
                configCase("\(key) = \(value)", lines)
            }
        }
        // Structure: missing, unknown and duplicated keys, broken YAML.
        configCase("no reference", validConfig.filter { !$0.hasPrefix("reference:") })
        configCase("no platforms", validConfig.filter { !$0.hasPrefix("platforms:") && !$0.hasPrefix("  ") && !$0.hasPrefix("    ") })
        configCase("no base_url", validConfig.filter { !$0.contains("base_url") })
        configCase("no model", validConfig.filter { !$0.contains("model:") })
        configCase("unknown root key", validConfig + ["colour: red"])
        configCase("unknown platform key", validConfig + ["    max_concurency: 4"])
        configCase("duplicate root key", validConfig + ["reference: ref"])
        configCase("duplicate platform", validConfig + ["  - \(platform)"])
        configCase("unclosed bracket", validConfig.map { $0.replacingOccurrences(of: "[suite.yaml]", with: "[suite.yaml") })
        configCase("tab indentation", validConfig.map { $0.replacingOccurrences(of: "    model", with: "\tmodel") })
        configCase("bad indentation", validConfig.map { $0 == "    timeout: 10" ? "      timeout: 10" : $0 } + ["   x: 1"])
        configCase("a list at the root", ["- a", "- b"])
        configCase("a scalar document", ["just text"])
        configCase("empty file", [])
        configCase("platforms as a mapping", validConfig.prefix(3) + ["platforms: {name: ref}"])
        configCase("platform entry a string", validConfig.prefix(3) + ["platforms: [ref]"])
        configCase("anchor alias loop", validConfig + ["x: &a [*a]"])
        // Other encodings.
        cases.append(
            Case(
                name: "config: Latin-1 byte", config: config(validConfig) + Array("# caf".utf8) + [0xE9, 0x0A], suite: suite,
                faultyFile: "evalctl.yaml"))
        cases.append(
            Case(
                name: "config: UTF-16 with BOM",
                config: [0xFF, 0xFE] + (validConfig.joined(separator: "\n")).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                suite: suite, faultyFile: "evalctl.yaml"
            )
        )
        cases.append(Case(name: "config: NUL byte", config: config(validConfig) + [0x00, 0x41], suite: suite, faultyFile: "evalctl.yaml"))
        cases.append(
            Case(
                name: "config: binary", config: (0..<400).map { UInt8(truncatingIfNeeded: $0 &* 197 &+ 13) }, suite: suite, faultyFile: "evalctl.yaml"
            ))

        // Suites.
        let suiteValues: [(String, [String])] = [
            ("id", ["'has space'", "[fuzz]", "12", String(repeating: "i", count: 300)]),
            ("version", ["0", "one", "[1]", "1.5"]),
            (
                "defaults",
                [
                    "{temperature: 9}", "{top_p: 0}", "{samples: 0}", "{max_tokens: -5}", "{seed: x}", "{stop: [a, b, c, d, e]}", "{stop: ['']}",
                    "{colour: red}", "warm",
                ]
            ),
            ("description", ["[a]", "{a: b}"]),
        ]
        for (key, values) in suiteValues {
            for value in values {
                var lines = validSuite.filter { !$0.hasPrefix("\(key):") }
                lines.insert("\(key): \(value)", at: 0)
                suiteCase("\(key) = \(value.prefix(20))", lines)
            }
        }
        let caseValues: [(String, String)] = [
            ("prompt", "[a, b]"), ("prompt", "''"), ("prompt", "{text: hi}"), ("id", "'two words'"), ("id", "[x]"),
            ("expect", "{language: english}"), ("expect", "{colour: red}"), ("expect", "{tags: hot}"), ("sampling", "{temperature: -1}"),
            ("sampling", "{top_k: 0}"), ("context", "{tokens: 100}"), ("messages", "[{role: robot, content: hi}]"), ("messages", "[]"),
        ]
        for (key, value) in caseValues {
            var lines = validSuite.filter { !$0.hasPrefix("    \(key):") }
            if key == "id" {
                lines = lines.map { $0 == "  - id: one" ? "  - id: \(value)" : $0 }
            } else {
                lines.append("    \(key): \(value)")
            }
            suiteCase("cases[0].\(key) = \(value)", lines)
        }
        suiteCase("no cases", validSuite.prefix(3).map { $0 })
        suiteCase("cases empty", validSuite.prefix(3) + ["cases: []"])
        suiteCase("no version", validSuite.filter { !$0.hasPrefix("version") })
        suiteCase("duplicate case id", validSuite + ["  - id: one", "    prompt: Again."])
        suiteCase("case without prompt", validSuite + ["  - id: two"])
        suiteCase("unknown case key", validSuite + ["    colour: red"])
        cases.append(
            Case(name: "suite: Latin-1 byte", config: config(validConfig), suite: suite + Array("# caf".utf8) + [0xE9], faultyFile: "suite.yaml"))
        cases.append(Case(name: "suite: NUL byte", config: config(validConfig), suite: [0x00] + suite, faultyFile: "suite.yaml"))
        return cases
    }

    @Test func everyGeneratedMalformedInputExitsTwoWithOneLineNamingTheFileAndWritesNothing() throws {
        let cases = Self.cases()
        try #require(cases.count >= 100, "only \(cases.count) cases")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-fuzz-\(UUID().uuidString)").path
        var failures: [String] = []
        var slowest = (seconds: 0.0, name: "")
        var largest = (megabytes: 0.0, name: "")
        for (index, testCase) in cases.enumerated() {
            let folder = "\(root)/\(index)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(testCase.config).write(to: URL(fileURLWithPath: folder + "/evalctl.yaml"))
            try Data(testCase.suite).write(to: URL(fileURLWithPath: folder + "/suite.yaml"))
            let result = try SpawnedProcess.run(
                EvalctlProcess.executable.path, ["sweep", "--config", folder + "/evalctl.yaml", "--quiet"], environment: EvalctlProcess.environment()
            )
            if result.seconds > slowest.seconds { slowest = (result.seconds, testCase.name) }
            if result.maxRSSMegabytes > largest.megabytes { largest = (result.maxRSSMegabytes, testCase.name) }
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            var problems: [String] = []
            if result.status != 2 { problems.append("exit \(result.status)") }
            if lines.count != 1 { problems.append("\(lines.count) lines on stderr") }
            if !(lines.first?.hasPrefix("evalctl: error: \(folder)/\(testCase.faultyFile)") ?? false) {
                problems.append("does not name \(testCase.faultyFile)")
            }
            if left != ["evalctl.yaml", "suite.yaml"] { problems.append("left \(left)") }
            if result.seconds > 2 { problems.append(String(format: "took %.2f s", result.seconds)) }
            if result.maxRSSMegabytes > 200 { problems.append(String(format: "used %.0f MB", result.maxRSSMegabytes)) }
            if !problems.isEmpty {
                failures.append("[\(testCase.name)] \(problems.joined(separator: ", ")): \(result.stderr.prefix(240))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases:\n\(failures.joined(separator: "\n"))")
        print(
            String(
                format: "fuzz: %d cases; slowest %.2f s (%@), largest %.0f MB (%@)", cases.count, slowest.seconds, slowest.name, largest.megabytes,
                largest.name))
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// A child process whose own peak memory is measured: Linux carries a process's peak RSS over an
/// exec, so a child started straight from the test process (hundreds of MB) would report the test
/// process's peak.
///
/// A small Python launcher forks and execs the child and reports `wait4`'s figures.
struct SpawnedProcess {
    var status: Int32
    var stderr: String
    var seconds: Double
    var maxRSSMegabytes: Double

    static let launcher = """
        import os, sys, time
        err = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            null = os.open("/dev/null", os.O_RDWR)
            os.dup2(null, 0); os.dup2(null, 1); os.dup2(err, 2)
            os.execv(sys.argv[2], sys.argv[2:])
        _, status, usage = os.wait4(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        print(code if code >= 0 else 128 - code, usage.ru_maxrss, time.monotonic() - started)
        """

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> SpawnedProcess {
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-spawn-\(UUID().uuidString).err").path
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", launcher, errorPath, executable] + arguments
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = report.split(separator: " ").map { String($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 3, let status = Int32(fields[0]), let kilobytes = Double(fields[1]), let seconds = Double(fields[2]) else {
            throw POSIXError(.EIO)
        }
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return SpawnedProcess(status: status, stderr: stderr, seconds: seconds, maxRSSMegabytes: kilobytes / 1024)
    }
}
