// swift-tools-version:6.0
import PackageDescription

/// How release builds link the executable (README, "Speed and memory"): as a position-dependent
/// executable that exports no symbols, so the loader has no relocations to apply and no symbol
/// table to page in.
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld", "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
    ], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "wixagent",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wixagent", targets: ["wixagent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-http-structured-headers", exact: "1.7.0"),
        // Tests only: MCP's reference types, to check the messages both ends here send and read.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // Starting MCP servers over stdio (a clean signal mask and teardown for the child).
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        // Tests only: property-based tests under Swift Testing.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // The only C in the project: module maps and shims over libncursesw and over prctl.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CProcessControl", path: "Sources/CProcessControl"),

        // Core: catalog, execution, rate limits, providers, agent loop, approvals, store, config.
        // No UI and no server.
        .target(
            name: "WixAgentCore",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ]
        ),

        // MCP tool sources (Streamable HTTP and stdio) and the JSON-RPC both ends of MCP speak.
        .target(
            name: "WixMCP",
            dependencies: [
                "WixAgentCore", .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),

        // The sandbox Wix site behind a Truto-style API and MCP, served over real HTTP.
        .target(
            name: "WixSandbox",
            dependencies: [
                "WixAgentCore", "WixMCP",
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ]
        ),

        // The offline demo model: a planner over the catalog behind the `ChatModel` protocol; the
        // core does not know it exists.
        .target(name: "WixOfflineModel", dependencies: ["WixAgentCore"]),

        // The ncurses front end; the only code that touches CNcursesw.
        .target(
            name: "TerminalUI",
            dependencies: ["WixAgentCore", "CNcursesw"],
            resources: [.copy("Resources/Themes")]
        ),

        // Thin executable: parses the command line and wires the layers together.
        .executableTarget(
            name: "wixagent",
            dependencies: [
                "WixAgentCore", "WixMCP", "WixSandbox", "WixOfflineModel", "TerminalUI", "CProcessControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: releaseLinking
        ),

        // Local servers that speak OpenAI's and Anthropic's wire formats, for tests only.
        .target(
            name: "TestSupport",
            dependencies: ["WixAgentCore", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/TestSupport"
        ),

        // Every parser of remote bytes as a fuzz target (`.ci/fuzz`), and their kept inputs replayed as tests.
        .target(name: "FuzzTargets", dependencies: ["WixAgentCore", "WixMCP", "WixSandbox", "TerminalUI"], path: "Tests/FuzzTargets"),
        // Linked with lld: gold fails on the fuzzer build's debug information.
        .executableTarget(name: "wixagent-fuzz", dependencies: ["FuzzTargets"], path: "Tests/Fuzz", exclude: ["Corpus"],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),

        .testTarget(name: "WixAgentCoreTests", dependencies: [
            "WixAgentCore", "WixSandbox", "WixOfflineModel", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
        ]),
        .testTarget(name: "WixSandboxTests", dependencies: ["WixSandbox", "WixAgentCore"]),
        .testTarget(name: "WixOfflineModelTests", dependencies: ["WixOfflineModel", "WixAgentCore", "WixSandbox", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: [
            "TerminalUI", "WixAgentCore", "WixOfflineModel", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["WixAgentCore", "WixSandbox", "WixOfflineModel", "TestSupport"]),
        .testTarget(name: "WixMCPTests", dependencies: [
            "WixMCP", "WixAgentCore", "WixSandbox", "WixOfflineModel", "TestSupport", .product(name: "MCP", package: "swift-sdk"),
        ]),
    ]
)
