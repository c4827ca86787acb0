import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store the reports are measured on: `definitions/` deployed with `dcmc deploy`, then the
/// report facts of `cases` closed cases written into its day files (`FactsGenerator`), and
/// nothing else. `benchmark-cases` in it records how many, so that a kept store is reused.
struct ReportStore {
  let dcmc: String
  let path: String
  let cases: Int
  /// Where the children's output goes.
  let outputPath: String

  var markerPath: String { path + "/benchmark-cases" }

  /// Reuses the store when a run left it with `cases` cases, else generates it.
  func prepare() throws {
    if access(path, F_OK) == 0 {
      guard FileWriter.text(of: markerPath) == String(cases) + "\n" else {
        throw BenchmarkFailure(
          message: "'\(path)' is not a store of \(cases) generated cases; remove it")
      }
      print("reusing the store of \(cases) cases at \(path)")
      return
    }
    let clock = ContinuousClock()
    let began = clock.now
    let deployed = try ChildProcess(
      executable: dcmc,
      arguments: ["deploy", "definitions", "--store", path, "--at", "2026-02-27T12:00:00Z"],
      outputPath: outputPath
    ).run()
    guard deployed.status == 0 else {
      throw BenchmarkFailure(
        message: "dcmc deploy definitions exited \(deployed.status); run from the repository root")
    }
    var generator = FactsGenerator(cases: cases, root: path)
    try generator.run()
    sync()
    try FileWriter.replace(markerPath, with: Array("\(cases)\n".utf8))
    print(
      "generated \(cases) cases (\(generator.factCount) facts) in "
        + "\(Figure.decimal((clock.now - began).seconds, digits: 1)) s: \(path)")
  }
}
