import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The language server benchmark: see `LSPBenchmark.usage` and `docs/performance.md`.

var options = LSPBenchmark.Options()
BenchmarkArguments.parse("LSPBenchmark", usage: LSPBenchmark.usage) {
  argument, rest throws(BenchmarkArguments.UsageError) in
  switch argument {
  case "--definitions": options.definitions = try rest.value(of: argument)
  case "--lines": options.lines = try rest.count(of: argument)
  case "--edits": options.edits = try rest.count(of: argument)
  case "--validate-runs": options.validateRuns = try rest.count(of: argument)
  default: return false
  }
  return true
}
do throws(BenchmarkFailure) {
  exit(try LSPBenchmark(options: options).run() ? 0 : 1)
} catch {
  printError("LSPBenchmark: \(error.message)\n")
  exit(error.status)
}
