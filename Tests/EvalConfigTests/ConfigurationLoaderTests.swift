import EvalConfig
import EvalCore
import Testing

struct ConfigurationLoaderTests {
    let good = """
        store: results/evalctl.sqlite
        reference: reference
        suites: [Evals/*.yaml]
        platforms:
          - name: reference
            protocol: openai-completions
            base_url: http://127.0.0.1:8080/reference/v1
            model: some-model
          - name: gpu-h100
            protocol: openai-chat
            base_url: http://127.0.0.1:8080/gpu-h100/v1
            model: some-model
            api_key_env: OPENAI_API_KEY
            max_concurrency: 16
            timeout: 12.5
        """

    @Test func parsesPlatformsAndResolvesPathsAgainstTheConfigFolder() throws {
        let configuration = try ConfigurationLoader.parse(yaml: good, file: "/etc/evalctl/evalctl.yaml", baseDirectory: "/etc/evalctl")
        #expect(configuration.store == "/etc/evalctl/results/evalctl.sqlite")
        #expect(configuration.suites == ["/etc/evalctl/Evals/*.yaml"])
        #expect(configuration.reference == "reference")
        #expect(configuration.platforms.map(\.name) == ["reference", "gpu-h100"])
        #expect(configuration.platforms[0].wireProtocol == .openAICompletions)
        #expect(configuration.platforms[1].apiKeyEnv == "OPENAI_API_KEY")
        #expect(configuration.platforms[1].maxConcurrency == 16)
        #expect(configuration.platforms[1].requestTimeout == 12.5)
        #expect(configuration.platforms[0].maxConcurrency == 16)
    }

    @Test func bedrockReadsItsKeyFromAWSsVariableUnlessThePlatformNamesOne() throws {
        let yaml = """
            reference: a
            platforms:
              - {name: a, protocol: bedrock-converse, base_url: 'https://bedrock-runtime.us-east-1.amazonaws.com', model: 'anthropic.claude-3-haiku-20240307-v1:0'}
              - {name: b, protocol: bedrock-converse, base_url: 'https://bedrock-runtime.eu-west-1.amazonaws.com', model: m, api_key_env: BEDROCK_EU}
            """
        let configuration = try ConfigurationLoader.parse(yaml: yaml, file: "c.yaml", baseDirectory: "/")
        #expect(configuration.platforms.map(\.apiKeyEnv) == ["AWS_BEARER_TOKEN_BEDROCK", "BEDROCK_EU"])
        #expect(configuration.platforms.allSatisfy { $0.wireProtocol == .bedrockConverse && $0.topLogprobs == 0 })
    }

    @Test func platformsStreamOnlyWhenTheySaySo() throws {
        let unsaid = try ConfigurationLoader.parse(yaml: good, file: "c.yaml", baseDirectory: "/")
        #expect(unsaid.platforms.allSatisfy { !$0.stream })
        let streamed = try ConfigurationLoader.parse(yaml: good + "\n    stream: true\n", file: "c.yaml", baseDirectory: "/")
        #expect(streamed.platforms.map(\.stream) == [false, true])
    }

    @Test func teacherForcingIsDetectedUnlessAPlatformNamesIt() throws {
        let detected = try ConfigurationLoader.parse(yaml: good, file: "c.yaml", baseDirectory: "/")
        #expect(detected.platforms.allSatisfy { $0.teacherForcing == .auto })
        let named = try ConfigurationLoader.parse(yaml: good + "\n    teacher_forcing: llama-cpp\n", file: "c.yaml", baseDirectory: "/")
        #expect(named.platforms[1].teacherForcing == .llamaCpp)
        do {
            _ = try ConfigurationLoader.parse(yaml: good + "\n    teacher_forcing: echo\n", file: "c.yaml", baseDirectory: "/")
            Issue.record("an unknown method must be refused")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "c.yaml:16: key 'platforms[1].teacher_forcing': expected one of auto, llama-cpp, vllm, completions-echo, none"), "\(error)")
        }
    }

    @Test func rotatedRoutingKeysChangeEveryHourAndKeepTheirConfiguredNames() throws {
        let fixed = try ConfigurationLoader.parse(yaml: good, file: "c.yaml", baseDirectory: "/")
        #expect(fixed.routingKeys(forSweepAt: 0) == fixed.routingKeys(forSweepAt: 7_200))
        let rotated = try ConfigurationLoader.parse(yaml: good + "\nrotate_routing_keys: true\n", file: "c.yaml", baseDirectory: "/")
        let hour = 1_759_996_800.0  // a whole hour since 1970
        let first = rotated.routingKeys(forSweepAt: hour)
        let sameHour = rotated.routingKeys(forSweepAt: hour + 3_599)
        let nextHour = rotated.routingKeys(forSweepAt: hour + 3_600)
        #expect(first == sameHour)
        #expect(Set(first).isDisjoint(with: nextHour))
        #expect(zip(first, fixed.routingKeys).allSatisfy { $0.hasPrefix($1 + ".") })
        #expect(rotated.contentHash != fixed.contentHash)
        #expect(throws: ConfigError.self) {
            try ConfigurationLoader.parse(yaml: good + "\nrotate_routing_keys: hourly\n", file: "c.yaml", baseDirectory: "/")
        }
    }

    @Test(arguments: [
        ("reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m, colour: red}\n", "c.yaml:3: unknown key 'platforms[0].colour'"),
        ("reference: a\nplatforms:\n  - {name: a, model: m}\n", "c.yaml:3: missing field 'platforms[0].base_url'"),
        ("reference: b\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m}\n", "c.yaml:1: key 'reference': no platform is named 'b'"),
        (
            "reference: a\nplatforms:\n  - {name: a, protocol: grpc, base_url: 'http://h/v1', model: m}\n",
            "c.yaml:3: key 'platforms[0].protocol': expected one of openai-chat, openai-completions, anthropic, vertex-anthropic, bedrock-converse, got 'grpc'"
        ),
        (
            "reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m, access_token_command: 'gcloud auth print-access-token'}\n",
            "c.yaml:3: key 'platforms[0].access_token_command': expected no command: only vertex-anthropic platforms take an access token command, got 'gcloud auth print-access-token'"
        ),
        (
            "reference: a\nplatforms:\n  - {name: a, protocol: vertex-anthropic, base_url: 'https://h/v1/projects/p/locations/l/publishers/anthropic/models', model: m, top_logprobs: 5}\n",
            "c.yaml:3: key 'platforms[0].top_logprobs': expected 0: protocol vertex-anthropic reports no log-probabilities, got '5'"
        ),
        (
            "reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m, stream: 'yes'}\n",
            "c.yaml:3: key 'platforms[0].stream': expected true or false, got 'yes'"
        ),
        (
            "reference: a\nplatforms:\n  - {name: a, base_url: 'ftp://h', model: m}\n",
            "c.yaml:3: key 'platforms[0].base_url': expected an http:// or https:// URL, or 'embedded', got 'ftp://h'"
        ),
        (
            "reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m, max_concurrency: 0}\n",
            "c.yaml:3: key 'platforms[0].max_concurrency': expected an integer in 1...4096, got '0'"
        ),
        (
            "reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m}\n  - {name: a, base_url: 'http://h/v1', model: m}\n",
            "c.yaml:4: key 'platforms[1].name': duplicate value 'a'"
        ),
        ("reference: a\nplatforms: []\n", "c.yaml:1: missing field 'platforms'"),
        ("refrence: a\n", "c.yaml:1: unknown key 'refrence'"),
    ])
    func reportsMalformedConfigurationsWithFileLineAndKey(yaml: String, expected: String) {
        do {
            _ = try ConfigurationLoader.parse(yaml: yaml, file: "c.yaml", baseDirectory: ".")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    /// Values of the wrong type that were once accepted: a number for a list, a string for a list, a number for a path.
    @Test(arguments: [
        ("routing_keys: 5\n", "c.yaml:1: key 'routing_keys': expected a list of strings, such as [5], got '5'"),
        ("routing_keys: [a, 7]\n", "c.yaml:1: key 'routing_keys[1]': expected a string, not an integer (quote it to make it a string), got '7'"),
        ("suites: Evals/*.yaml\n", "c.yaml:1: key 'suites': expected a list of strings, such as [Evals/*.yaml], got 'Evals/*.yaml'"),
        ("store: 12345\n", "c.yaml:1: key 'store': expected a string, not an integer (quote it to make it a string), got '12345'"),
        ("store: true\n", "c.yaml:1: key 'store': expected a string, not a boolean"),
        ("store: [a]\n", "c.yaml:1: key 'store': expected a string, got 'a list'"),
        ("fleet: 3.5\n", "c.yaml:1: key 'fleet': expected a string, not a number"),
    ])
    func valuesOfTheWrongTypeAreRefusedWithLineAndKey(prefix: String, expected: String) {
        let yaml = prefix + "reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m}\n"
        do {
            _ = try ConfigurationLoader.parse(yaml: yaml, file: "c.yaml", baseDirectory: ".")
            Issue.record("expected an error for \(prefix)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test func aListOfHeadersGivenAsOneStringIsRefusedAtItsLine() {
        let yaml = "reference: a\nplatforms:\n  - name: a\n    base_url: 'http://h/v1'\n    model: m\n    served_by_headers: x-served-by\n"
        do {
            _ = try ConfigurationLoader.parse(yaml: yaml, file: "c.yaml", baseDirectory: ".")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description.hasPrefix("c.yaml:6: key 'platforms[0].served_by_headers': expected a list of strings"), "got: \(error.description)"
            )
        }
    }

    @Test func aQuotedNumberIsAString() throws {
        let yaml = "store: '12345'\nreference: '7'\nplatforms:\n  - {name: '7', base_url: 'http://h/v1', model: '3.5'}\n"
        let configuration = try ConfigurationLoader.parse(yaml: yaml, file: "c.yaml", baseDirectory: ".")
        #expect(configuration.store == "12345" && configuration.reference == "7" && configuration.platforms[0].model == "3.5")
    }

    @Test func aKeyPastedIntoAPIKeyEnvIsRejectedWithoutEchoingIt() {
        let secret = "sk-live-abc123-secret-value"
        let yaml = "reference: a\nplatforms:\n  - {name: a, base_url: 'http://h/v1', model: m, api_key_env: '\(secret)'}\n"
        do {
            _ = try ConfigurationLoader.parse(yaml: yaml, file: "c.yaml", baseDirectory: ".")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("api_key_env"))
            #expect(!error.description.contains(secret))
        }
    }
}
