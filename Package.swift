// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "evalctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "evalctl", targets: ["evalctl"]),
        .executable(name: "evalctl-bench", targets: ["EvalBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The pure core: suites, samples, scores, statistics, sampling, the sweep's
        // orchestration behind protocols. No SQLite, no HTTP.
        .target(
            name: "EvalCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // YAML suites and configuration, with file:line errors.
        .target(
            name: "EvalConfig",
            dependencies: ["EvalCore", "EvalFleet", "Yams"],
            swiftSettings: swiftSettings
        ),
        // Debian's word lists, loaded into the core's lexicon for the language-mix scorer.
        .target(
            name: "EvalWordLists",
            dependencies: ["EvalCore"],
            swiftSettings: swiftSettings
        ),
        // fastText (Debian's libfasttext-dev) and CLD2 (libcld2-dev), behind C headers so Swift needs
        // no C++ interoperability.
        .target(
            name: "CLanguageID",
            linkerSettings: [.linkedLibrary("fasttext"), .linkedLibrary("cld2")]
        ),
        // The multilingual language identifiers the language-mix scorer judges Latin-script phrases by.
        .target(
            name: "EvalLanguageID",
            dependencies: ["EvalCore", "CLanguageID"],
            swiftSettings: swiftSettings
        ),
        // The SQLite store (system libsqlite3 through GRDB).
        .target(
            name: "EvalStore",
            dependencies: ["EvalCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL store (postgres-nio): the same schema, migrations and queries as SQLite's, for
        // sweeps sharded across machines.
        .target(
            name: "EvalPostgres",
            dependencies: [
                "EvalCore", "EvalStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP backends: OpenAI-compatible and Anthropic endpoints.
        .target(
            name: "EvalBackends",
            dependencies: [
                "EvalCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                // HMAC-SHA256 and SHA-256 for AWS Signature Version 4 (Bedrock).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The language toolchains behind the code-syntax scorer: long-lived parser workers
        // (CPython, node, TypeScript), batched `swiftc -parse`, `bash -n`, SQLite's parser, libyaml.
        .target(
            name: "EvalToolchains",
            dependencies: ["EvalCore", "Yams", .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The simulated fleet: a small language model and an OpenAI-compatible server.
        .target(
            name: "EvalFleet",
            dependencies: [
                "EvalCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The real inference engine `make engine` builds (llama.cpp's llama-server, SmolLM2): where it
        // is, llama-server processes on loopback for the engine tests and `evalctl engine`, and a
        // proxy that injects known sampler faults into a share of their requests.
        .target(
            name: "EvalEngine",
            dependencies: [
                "EvalCore", "EvalBackends",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fakes shared by the test targets.
        .target(
            name: "EvalTesting",
            dependencies: [
                "EvalCore", "EvalStore", "EvalPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "evalctl",
            dependencies: [
                "EvalCore", "EvalConfig", "EvalStore", "EvalPostgres", "EvalBackends", "EvalFleet", "EvalWordLists", "EvalLanguageID",
                "EvalToolchains", "EvalEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["BuildInfo"]
        ),
        // Records the git commit the executable is built from (BuildInfo.swift, generated before each build).
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // `make bench`: release-build measurements, one table.
        .executableTarget(
            name: "EvalBench",
            dependencies: [
                "EvalCore", "EvalConfig", "EvalWordLists", "EvalLanguageID", "EvalFleet", "EvalStore", "EvalPostgres", "EvalBackends",
                "EvalToolchains",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EvalCoreTests", dependencies: ["EvalCore", "EvalTesting", "EvalWordLists", "EvalLanguageID"], swiftSettings: swiftSettings),
        .testTarget(name: "EvalToolchainsTests", dependencies: ["EvalToolchains", "EvalCore"], swiftSettings: swiftSettings),
        .testTarget(name: "EvalConfigTests", dependencies: ["EvalConfig", "EvalFleet"], swiftSettings: swiftSettings),
        .testTarget(name: "EvalStoreTests", dependencies: ["EvalStore", "EvalPostgres", "EvalTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EvalFleetTests",
            dependencies: [
                "EvalFleet", "EvalBackends", "EvalStore", "EvalTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Every backend against the real engine: llama-server processes this target starts itself.
        .testTarget(
            name: "EvalEngineTests",
            dependencies: ["EvalEngine", "EvalBackends", "EvalCore", "EvalTesting", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "evalctlTests",
            dependencies: [
                "evalctl", "EvalStore", "EvalCore", "EvalTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
