// swift-tools-version:6.0
import PackageDescription

// The targets read bottom-up, as layers (STYLE.md section 1): each imports only targets
// listed before it, and declares every target it imports.
let package = Package(
  name: "dcmc",
  products: [
    .executable(name: "dcmc", targets: ["dcmc"])
  ],
  targets: [
    // C libraries, each wrapped by one target.
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    // Declarations only: DCMCPostgres loads libpq with dlopen when a store needs it.
    .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
    // Declarations only: DCMCServer loads libmicrohttpd with dlopen when dcmc serve starts.
    .systemLibrary(name: "CMicroHTTPD", providers: [.apt(["libmicrohttpd-dev"])]),
    // CRC-32C with the processor's instruction, for the stores' checksums and history chains (a C file: Swift has no
    // portable way to emit SSE 4.2's crc32).
    .target(name: "CCRC32C"),
    // Foundations: text, JSON and the one file layer.
    .target(name: "DCMCText", exclude: ["README.md"]),
    .target(name: "DCMCJSON", exclude: ["README.md"]),
    .target(name: "DCMCFiles", exclude: ["README.md"]),
    .target(name: "DCMCPatterns", exclude: ["README.md"]),
    // Compile side: YAML to a checked model to a bundle.
    .target(name: "DCMCDiagnostics", dependencies: ["DCMCJSON", "DCMCText"], exclude: ["README.md"]),
    .target(
      name: "DCMCSyntax", dependencies: ["DCMCDiagnostics", "DCMCFiles", "CLibYAML"], exclude: ["README.md"]),
    .target(name: "DCMCCalendar", exclude: ["README.md"]),
    .target(
      name: "DCMCExpressions",
      dependencies: ["DCMCDiagnostics", "DCMCCalendar", "DCMCPatterns", "DCMCJSON", "DCMCText"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCModel", dependencies: ["DCMCDiagnostics", "DCMCExpressions", "DCMCCalendar"], exclude: ["README.md"]),
    .target(
      name: "DCMCChecker",
      dependencies: [
        "DCMCDiagnostics", "DCMCSyntax", "DCMCExpressions", "DCMCCalendar", "DCMCModel", "DCMCJSON", "DCMCPatterns",
      ],
      exclude: ["README.md"]),
    .target(name: "DCMCBundle", dependencies: ["DCMCJSON", "DCMCPatterns", "DCMCText"], exclude: ["README.md"]),
    .target(
      name: "DCMCCompiler", dependencies: ["DCMCBundle", "DCMCModel", "DCMCExpressions", "DCMCDiagnostics"],
      exclude: ["README.md"]),
    // Run side: the engine, the use cases over ports, the file adapter.
    .target(
      name: "DCMCRuntime", dependencies: ["DCMCBundle", "DCMCExpressions", "DCMCCalendar", "DCMCJSON", "DCMCText"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCApplication",
      dependencies: ["DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCExpressions", "DCMCJSON", "DCMCText", "CCRC32C"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCStore",
      dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCJSON", "DCMCFiles"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCPostgres",
      dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCJSON", "CLibPQ"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCReports", dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCJSON"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCScenarios",
      dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCModel", "DCMCBundle", "DCMCCalendar", "DCMCDiagnostics"],
      exclude: ["README.md"]),
    // The HTTP API: pure handlers over the use cases, and the libmicrohttpd shell that moves bytes.
    .target(
      name: "DCMCServer",
      dependencies: [
        "DCMCApplication", "DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCModel", "DCMCReports", "DCMCJSON",
        "DCMCText", "CMicroHTTPD",
      ],
      exclude: ["README.md"]),
    // The language server: LSP messages in, messages out, over the checked workspace.
    .target(
      name: "DCMCLanguageServer",
      dependencies: ["DCMCJSON", "DCMCDiagnostics", "DCMCSyntax", "DCMCExpressions", "DCMCModel", "DCMCChecker"],
      exclude: ["README.md"]),
    // The shell and its entry point.
    .target(
      name: "DCMCCLI",
      dependencies: [
        "DCMCDiagnostics", "DCMCSyntax", "DCMCChecker", "DCMCCalendar", "DCMCModel", "DCMCBundle", "DCMCCompiler",
        "DCMCRuntime", "DCMCApplication", "DCMCScenarios", "DCMCStore", "DCMCReports", "DCMCServer", "DCMCJSON",
        "DCMCFiles", "DCMCPostgres", "DCMCLanguageServer", "DCMCText",
      ],
      exclude: ["README.md"]),
    .executableTarget(
      name: "dcmc", dependencies: ["DCMCCLI"],
      // Every command pays start-up: a release dcmc links the Swift runtime statically
      // (docs/performance.md, the runtime, item 3). Not -static-executable: there the libc that
      // dlopen brings in with libmicrohttpd is a second one, and its pthread_create crashes
      // (docs/server.md, "Building"). libmicrohttpd itself is loaded by dcmc serve only.
      linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]),
    // Test support, the helper processes of the store's tests, benchmarks.
    .target(
      name: "_DCMCTestSupport",
      dependencies: [
        "DCMCDiagnostics", "DCMCSyntax", "DCMCChecker", "DCMCCompiler", "DCMCBundle", "DCMCApplication", "DCMCStore",
        "DCMCRuntime", "DCMCCalendar", "DCMCFiles", "DCMCModel", "DCMCPostgres",
      ],
      path: "Tests/_DCMCTestSupport"
    ),
    .executableTarget(
      name: "StoreTortureHelper", dependencies: ["DCMCStore", "DCMCFiles", "_DCMCTestSupport"],
      path: "Tests/StoreTortureHelper"),
    .executableTarget(
      name: "CaseStoreTortureHelper",
      dependencies: ["DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCFiles", "_DCMCTestSupport"],
      path: "Tests/CaseStoreTortureHelper"),
    .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
    .executableTarget(
      name: "ValidateBenchmark",
      dependencies: ["DCMCChecker", "DCMCDiagnostics", "DCMCSyntax", "BenchmarkSupport"],
      path: "Benchmarks/ValidateBenchmark"
    ),
    .executableTarget(
      name: "CompileBenchmark",
      dependencies: ["DCMCChecker", "DCMCSyntax", "DCMCCompiler", "DCMCBundle", "DCMCJSON", "BenchmarkSupport"],
      path: "Benchmarks/CompileBenchmark"
    ),
    .executableTarget(name: "CalendarBenchmark", dependencies: ["DCMCCalendar"], path: "Benchmarks/CalendarBenchmark"),
    .executableTarget(name: "PatternBenchmark", dependencies: ["DCMCPatterns"], path: "Benchmarks/PatternBenchmark"),
    .executableTarget(
      name: "HostileValidateBenchmark",
      dependencies: ["DCMCChecker", "DCMCDiagnostics", "DCMCSyntax", "BenchmarkSupport"],
      path: "Benchmarks/HostileValidateBenchmark"),
    .executableTarget(
      name: "StoreBenchmark", dependencies: ["DCMCStore", "BenchmarkSupport"], path: "Benchmarks/StoreBenchmark"),
    .executableTarget(
      name: "RuntimeBenchmark",
      dependencies: [
        "DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCChecker", "DCMCSyntax", "DCMCCompiler",
        "DCMCBundle", "BenchmarkSupport",
      ],
      path: "Benchmarks/RuntimeBenchmark"),
    .executableTarget(
      name: "CustomerBenchmark",
      dependencies: [
        "DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCExpressions", "DCMCFiles",
        "BenchmarkSupport", "_DCMCTestSupport",
      ],
      path: "Benchmarks/CustomerBenchmark"),
    .executableTarget(
      name: "PushBenchmark",
      dependencies: [
        "DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "BenchmarkSupport", "_DCMCTestSupport",
      ],
      path: "Benchmarks/PushBenchmark"),
    .executableTarget(
      name: "ReportBenchmark",
      dependencies: [
        "DCMCStore", "DCMCPostgres", "DCMCApplication", "DCMCCalendar", "BenchmarkSupport", "_DCMCTestSupport",
      ],
      path: "Benchmarks/ReportBenchmark"),
    .executableTarget(
      name: "PageBenchmark",
      dependencies: ["DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "BenchmarkSupport", "_DCMCTestSupport"],
      path: "Benchmarks/PageBenchmark"),
    .executableTarget(
      name: "AppendBenchmark",
      dependencies: [
        "DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCFiles", "BenchmarkSupport", "_DCMCTestSupport",
      ],
      path: "Benchmarks/AppendBenchmark"),
    .executableTarget(
      name: "LSPBenchmark",
      dependencies: ["DCMCLanguageServer", "DCMCChecker", "DCMCSyntax", "DCMCFiles", "DCMCJSON", "BenchmarkSupport"],
      path: "Benchmarks/LSPBenchmark"),
    // Tests, in the order of the targets they test.
    .testTarget(name: "DCMCJSONTests", dependencies: ["DCMCJSON", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCFilesTests", dependencies: ["DCMCFiles", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCPatternsTests", dependencies: ["DCMCPatterns", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCDiagnosticsTests", dependencies: ["DCMCDiagnostics", "_DCMCTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "DCMCSyntaxTests", dependencies: ["DCMCSyntax", "DCMCDiagnostics", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCCalendarTests", dependencies: ["DCMCCalendar", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCExpressionsTests",
      dependencies: ["DCMCExpressions", "DCMCCalendar", "DCMCDiagnostics", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCCheckerTests",
      dependencies: ["DCMCChecker", "DCMCSyntax", "DCMCModel", "DCMCDiagnostics", "_DCMCTestSupport"],
      exclude: ["Golden"]
    ),
    .testTarget(name: "DCMCBundleTests", dependencies: ["DCMCBundle", "DCMCJSON", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCCompilerTests",
      dependencies: ["DCMCCompiler", "DCMCBundle", "DCMCChecker", "DCMCModel", "DCMCSyntax", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCRuntimeTests",
      dependencies: [
        "DCMCRuntime", "DCMCBundle", "DCMCStore", "DCMCCompiler", "DCMCChecker", "DCMCSyntax", "DCMCCalendar",
        "DCMCJSON", "_DCMCTestSupport",
      ]),
    .testTarget(
      name: "DCMCApplicationTests", dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCJSON", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCReportsTests", dependencies: ["DCMCReports", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "_DCMCTestSupport"], exclude: ["Golden"]),
    .testTarget(
      name: "DCMCStoreTests",
      dependencies: [
        "DCMCStore", "DCMCApplication", "StoreTortureHelper", "CaseStoreTortureHelper", "DCMCRuntime", "DCMCCalendar",
        "DCMCBundle", "DCMCChecker", "DCMCCompiler", "DCMCSyntax", "DCMCJSON", "DCMCFiles", "_DCMCTestSupport",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "DCMCPostgresTests",
      dependencies: [
        "dcmc", "DCMCPostgres", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCServer", "_DCMCTestSupport",
      ]),
    .testTarget(
      name: "DCMCScenariosTests",
      dependencies: ["DCMCScenarios", "DCMCStore", "DCMCPostgres", "DCMCApplication", "DCMCCalendar", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCServerTests",
      dependencies: ["DCMCServer", "DCMCApplication", "DCMCRuntime", "DCMCJSON", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCLanguageServerTests", dependencies: ["DCMCLanguageServer", "DCMCJSON", "DCMCDiagnostics", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCEndToEndTests", dependencies: ["dcmc", "DCMCCLI", "DCMCBundle", "_DCMCTestSupport"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
