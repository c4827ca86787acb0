#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The validation benchmark: see `BenchmarkOptions.usage` and `docs/performance.md`.

/// Writes `text` to standard error.
func printError(_ text: String) {
  let bytes = Array(text.utf8)
  var written = 0
  while written < bytes.count {
    let count = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, bytes.count - written) }
    guard count > 0 else { return }
    written += count
  }
}

let status: Int32
do throws(BenchmarkOptions.UsageError) {
  let options = try BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
  if options.help {
    print(BenchmarkOptions.usage, terminator: "")
    status = 0
  } else {
    var benchmark = ValidateBenchmark(options: options)
    do throws(BenchmarkFailure) {
      status = try benchmark.run()
    } catch {
      printError("ValidateBenchmark: \(error.message)\n")
      status = error.status
    }
  }
} catch {
  printError("ValidateBenchmark: \(error.message)\n\n" + BenchmarkOptions.usage)
  status = 2
}
exit(status)
