// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "dcmc",
  products: [
    .executable(name: "dcmc", targets: ["dcmc"])
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(name: "DCMCJSON", exclude: ["README.md"]),
    .target(name: "DCMCFiles", exclude: ["README.md"]),
    .target(name: "DCMCDiagnostics", dependencies: ["DCMCJSON"], exclude: ["README.md"]),
    .target(
      name: "DCMCSyntax", dependencies: ["DCMCDiagnostics", "DCMCFiles", "CLibYAML"], exclude: ["README.md"]),
    .target(name: "DCMCExpressions", dependencies: ["DCMCDiagnostics", "DCMCCalendar"], exclude: ["README.md"]),
    .target(name: "DCMCCalendar", exclude: ["README.md"]),
    .target(
      name: "DCMCModel", dependencies: ["DCMCDiagnostics", "DCMCExpressions", "DCMCCalendar"], exclude: ["README.md"]),
    .target(
      name: "DCMCChecker",
      dependencies: ["DCMCDiagnostics", "DCMCSyntax", "DCMCExpressions", "DCMCCalendar", "DCMCModel", "DCMCJSON"],
      exclude: ["README.md"]),
    .target(name: "DCMCBundle", dependencies: ["DCMCJSON"], exclude: ["README.md"]),
    .target(
      name: "DCMCCompiler", dependencies: ["DCMCBundle", "DCMCModel", "DCMCExpressions", "DCMCDiagnostics"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCRuntime", dependencies: ["DCMCBundle", "DCMCExpressions", "DCMCCalendar", "DCMCJSON"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCApplication",
      dependencies: ["DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCExpressions", "DCMCJSON"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCScenarios",
      dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCModel", "DCMCBundle", "DCMCCalendar"],
      exclude: ["README.md"]),
    .target(
      name: "DCMCCLI",
      dependencies: [
        "DCMCDiagnostics", "DCMCSyntax", "DCMCChecker", "DCMCCalendar", "DCMCModel", "DCMCBundle", "DCMCCompiler",
        "DCMCRuntime", "DCMCApplication", "DCMCScenarios", "DCMCStore", "DCMCJSON", "DCMCFiles",
      ],
      exclude: ["README.md"]),
    .executableTarget(
      name: "dcmc", dependencies: ["DCMCCLI"],
      // Every command pays start-up: a release dcmc is one static executable, with nothing for
      // the dynamic loader to bind at each start (docs/performance.md, the runtime, item 3).
      linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]),
    .target(
      name: "DCMCStore",
      dependencies: ["DCMCApplication", "DCMCRuntime", "DCMCBundle", "DCMCCalendar", "DCMCJSON", "DCMCFiles"],
      exclude: ["README.md"]),
    .executableTarget(
      name: "StoreTortureHelper", dependencies: ["DCMCStore", "DCMCFiles", "_DCMCTestSupport"],
      path: "Tests/StoreTortureHelper"),
    .executableTarget(
      name: "CaseStoreTortureHelper",
      dependencies: ["DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCFiles", "_DCMCTestSupport"],
      path: "Tests/CaseStoreTortureHelper"),
    .executableTarget(
      name: "ValidateBenchmark",
      dependencies: ["DCMCChecker", "DCMCDiagnostics", "DCMCSyntax", "BenchmarkSupport"],
      path: "Benchmarks/ValidateBenchmark"
    ),
    .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
    .executableTarget(
      name: "CompileBenchmark",
      dependencies: ["DCMCChecker", "DCMCSyntax", "DCMCCompiler", "DCMCBundle", "DCMCJSON", "BenchmarkSupport"],
      path: "Benchmarks/CompileBenchmark"
    ),
    .executableTarget(name: "CalendarBenchmark", dependencies: ["DCMCCalendar"], path: "Benchmarks/CalendarBenchmark"),
    .executableTarget(
      name: "StoreBenchmark", dependencies: ["DCMCStore", "BenchmarkSupport"], path: "Benchmarks/StoreBenchmark"),
    .executableTarget(
      name: "RuntimeBenchmark",
      dependencies: [
        "DCMCStore", "DCMCApplication", "DCMCRuntime", "DCMCCalendar", "DCMCChecker", "DCMCSyntax", "DCMCCompiler",
        "DCMCBundle", "BenchmarkSupport",
      ],
      path: "Benchmarks/RuntimeBenchmark"),
    .target(
      name: "_DCMCTestSupport",
      dependencies: [
        "DCMCDiagnostics", "DCMCSyntax", "DCMCChecker", "DCMCCompiler", "DCMCBundle", "DCMCApplication", "DCMCStore",
        "DCMCRuntime", "DCMCCalendar", "DCMCFiles",
      ],
      path: "Tests/_DCMCTestSupport"
    ),
    .testTarget(name: "DCMCFilesTests", dependencies: ["DCMCFiles", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCDiagnosticsTests", dependencies: ["DCMCDiagnostics", "_DCMCTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "DCMCSyntaxTests", dependencies: ["DCMCSyntax", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCCalendarTests", dependencies: ["DCMCCalendar", "DCMCModel", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCExpressionsTests", dependencies: ["DCMCExpressions", "DCMCCalendar", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCCheckerTests",
      dependencies: ["DCMCChecker", "DCMCSyntax", "DCMCModel", "_DCMCTestSupport"],
      exclude: ["Golden"]
    ),
    .testTarget(name: "DCMCEndToEndTests", dependencies: ["dcmc", "_DCMCTestSupport"], exclude: ["Golden"]),
    .testTarget(
      name: "DCMCRuntimeTests",
      dependencies: [
        "DCMCRuntime", "DCMCStore", "DCMCCompiler", "DCMCChecker", "DCMCSyntax", "DCMCCalendar", "DCMCJSON",
        "_DCMCTestSupport",
      ]),
    .testTarget(
      name: "DCMCApplicationTests", dependencies: ["DCMCApplication", "DCMCRuntime", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCJSONTests", dependencies: ["DCMCJSON", "_DCMCTestSupport"]),
    .testTarget(name: "DCMCBundleTests", dependencies: ["DCMCBundle", "DCMCJSON", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCCompilerTests",
      dependencies: ["DCMCCompiler", "DCMCBundle", "DCMCChecker", "DCMCSyntax", "DCMCModel", "_DCMCTestSupport"]),
    .testTarget(
      name: "DCMCStoreTests",
      dependencies: [
        "DCMCStore", "DCMCApplication", "StoreTortureHelper", "CaseStoreTortureHelper", "DCMCRuntime", "DCMCCalendar",
        "DCMCBundle", "DCMCChecker", "DCMCCompiler", "DCMCSyntax", "DCMCJSON", "DCMCFiles", "_DCMCTestSupport",
      ],
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
