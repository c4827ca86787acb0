// The hostile-definition benchmark (issue 14 item 7): about a megabyte of YAML that made
// validation quadratic (a mapping with a duplicate key followed by many keys: 389 KB took
// 28 s) or rendering slow (many diagnostics quoting one very long line), validated in
// process as `dcmc validate` does it (read, decode, link) and rendered in every format.
//
// Target: each input validated and rendered in under 1 s (median run), in each format. Run
// it from a release build, on a quiet machine:
//
//   swift build -c release --scratch-path .build-release --product HostileValidateBenchmark
//   .build-release/release/HostileValidateBenchmark [--runs N] [--enforce-targets]

import BenchmarkSupport
import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let limit = 1.0
var runs = 3
var enforce = false
do throws(BenchmarkArguments.UsageError) {
  var arguments = BenchmarkArguments(Array(CommandLine.arguments.dropFirst()))
  while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = try arguments.count(of: argument)
    case "--enforce-targets": enforce = true
    default: throw BenchmarkArguments.unknown(argument)
    }
  }
} catch {
  printError(
    "HostileValidateBenchmark: \(error.message)\nUsage: HostileValidateBenchmark [--runs N] [--enforce-targets]\n")
  exit(2)
}

/// Reads, decodes and links `input` as the one file `dcmc validate` was given.
func validate(_ input: HostileInput) -> DiagnosticReport {
  let file = YAMLReader.parse(name: "hostile.yaml", bytes: Array(input.text.utf8))
  let result = Checker.link([DocumentDecoder.decode(file)])
  return DiagnosticReport(diagnostics: result.diagnostics, sources: [file.source.name: file.source], fileCount: 1)
}

let clock = ContinuousClock()
var figures: [Figure] = []
print("runs: \(runs) per figure; each total is validation plus the rendering of its format")
for input in HostileInput.all {
  var check = Samples()
  var totals = DiagnosticFormat.allCases.map { _ in Samples() }
  var report: DiagnosticReport?
  var outputBytes = DiagnosticFormat.allCases.map { _ in 0 }
  for _ in 0..<runs {
    for (index, format) in DiagnosticFormat.allCases.enumerated() {
      let start = clock.now
      let validated = validate(input)
      let checked = clock.now
      let text = validated.render(format, toolVersion: "benchmark")
      let end = clock.now
      outputBytes[index] = text.utf8.count
      check.append((checked - start).seconds)
      totals[index].append((end - start).seconds)
      report = validated
    }
  }
  let lines = input.text.utf8.count { $0 == UInt8(ascii: "\n") }
  print(
    "\(input.name): \(Figure.decimal(Double(input.text.utf8.count) / 1e6, digits: 2)) MB, \(lines) lines, "
      + "\(report?.diagnostics.count ?? 0) diagnostics; output: "
      + zip(DiagnosticFormat.allCases, outputBytes).map {
        "\($0.rawValue) \(Figure.decimal(Double($1) / 1e6, digits: 1)) MB"
      }
      .joined(separator: ", "))
  figures.append(
    Figure(
      label: "\(input.name): read+check", unit: .seconds, best: check.best, median: check.median,
      judged: check.median, limit: nil))
  for (index, format) in DiagnosticFormat.allCases.enumerated() {
    figures.append(
      Figure(
        label: "\(input.name): \(format.rawValue)", unit: .seconds, best: totals[index].best,
        median: totals[index].median, judged: totals[index].median, limit: limit))
  }
}
print("")
let met = Figure.printTable(figures)
exit(enforce && !met ? 1 : 0)
