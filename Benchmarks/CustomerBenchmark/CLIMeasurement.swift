import BenchmarkSupport
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The commands measured through the `dcmc` binary, process start included, on the small and
/// the large store in turn within each run (so that other work on the machine weighs on both
/// alike), with `dcmc --version` in the same runs: what a command costs with nothing to do.
///
/// Each run of a command is followed by a second run under GNU time for its peak memory
/// (`ru_maxrss` from `wait4`, printed by `time -f %M`). The first run's own `wait4` cannot
/// tell it: `posix_spawn` is a vfork, and `exec` records the spawning process's resident size
/// (this benchmark's 17 MB and more, above what `dcmc` uses) as the child's first peak; GNU
/// time forks its child from a process of about 2 MB.
struct CLIMeasurement {
  /// A command, its arguments for run `run` on a store (without `--store` and `--as`), and a
  /// text its output must hold: it must have found what it was asked for.
  struct Operation: Sendable {
    var label: String
    var arguments: @Sendable (Lookups, Int) -> [String]
    var expected: @Sendable (Lookups, Int) -> String
  }

  /// Wall time and peak resident memory of the runs of one operation on one store.
  struct Result {
    var wall = Samples()
    var memory = Samples()
  }

  let dcmc: String
  /// Where the children's output goes, and where GNU time writes the peak it read.
  let outputPath: String
  let memoryPath: String
  let runs: Int

  static let time = "/usr/bin/time"

  init(dcmc: String, scratch: String, runs: Int) throws {
    guard access(Self.time, X_OK) == 0 else {
      throw BenchmarkFailure(
        message: "no GNU time at \(Self.time) to read peak memory (Debian package 'time')")
    }
    self.dcmc = dcmc
    outputPath = scratch + "/output.txt"
    memoryPath = scratch + "/memory.txt"
    self.runs = runs
  }

  static let operations = [
    Operation(
      label: "customer find EMAIL",
      arguments: { ["customer", "find", $0.person($1).email.uppercased()] },
      expected: { $0.ids[$1] }),
    Operation(
      label: "customer find PHONE",
      arguments: { ["customer", "find", Population.nationalPhone($0.number($1))] },
      expected: { $0.ids[$1] }),
    Operation(
      label: "customer find Mar --limit 20",
      arguments: { _, _ in ["customer", "find", "Mar", "--limit", "20"] },
      expected: { _, _ in "Mar" }),
    Operation(
      label: "case create, identified",
      arguments: { lookups, run in
        ["case", "create", "technical"]
          + StoreGenerator.form(lookups.person(run)).sorted { $0.key < $1.key }.flatMap {
            ["--field", "\($0)=\($1)"]
          }
      }, expected: { "customer " + $0.ids[$1] }),
    Operation(
      label: "customer cases BUSY",
      arguments: { lookups, _ in ["customer", "cases", lookups.store.busy] },
      expected: { _, _ in "TEC-000001" }),
    Operation(
      label: "customer show", arguments: { ["customer", "show", $0.ids[$1]] },
      expected: { $0.ids[$1] }),
  ]

  /// Runs every operation `runs` times on each store and `dcmc --version` as often: the
  /// results by operation, small store first, and the version's.
  func measure(small: Lookups, large: Lookups) throws -> (results: [[Result]], version: Result) {
    var results = Array(repeating: [Result(), Result()], count: Self.operations.count)
    var version = Result()
    for run in 0..<runs {
      try record(["--version"], expected: "dcmc", in: &version)
      for (index, operation) in Self.operations.enumerated() {
        // The store that goes first alternates, so neither always follows the other.
        for side in run % 2 == 0 ? [0, 1] : [1, 0] {
          let lookups = side == 0 ? small : large
          let arguments =
            operation.arguments(lookups, run) + [
              "--store", lookups.store.path, "--as", StoreGenerator.user,
            ]
          try record(
            arguments, expected: operation.expected(lookups, run), in: &results[index][side])
        }
      }
    }
    return (results, version)
  }

  /// Runs `dcmc` with `arguments` for its wall time, then under GNU time for its peak memory;
  /// both runs must succeed and print `expected`.
  private func record(_ arguments: [String], expected: String, in result: inout Result) throws {
    result.wall.append(try child(dcmc, arguments, expected: expected).wallSeconds)
    _ = try child(Self.time, ["-f", "%M", "-o", memoryPath, dcmc] + arguments, expected: expected)
    guard
      let kibibytes = Double(try Self.contents(of: memoryPath).split(separator: "\n").last ?? "")
    else {
      throw BenchmarkFailure(
        message: "GNU time wrote no peak memory for dcmc \(arguments.joined(separator: " "))")
    }
    result.memory.append(kibibytes * 1_024)
  }

  /// Runs `executable` with `arguments`; it must succeed and print `expected`.
  private func child(_ executable: String, _ arguments: [String], expected: String) throws
    -> ChildProcess.Outcome
  {
    let outcome = try ChildProcess(
      executable: executable, arguments: arguments, outputPath: outputPath
    ).run()
    let output = try Self.contents(of: outputPath)
    guard outcome.status == 0, output.contains(expected) else {
      throw BenchmarkFailure(
        message:
          "\(executable) \(arguments.joined(separator: " ")) exited \(outcome.status) without '\(expected)':\n"
          + String(output.prefix(2_000)))
    }
    return outcome
  }

  static func contents(of path: String) throws -> String {
    let files = PosixFileSystem()
    let file = try files.open(path, .read)
    defer { files.close(file) }
    return String(decoding: try files.read(file), as: UTF8.self)
  }
}
