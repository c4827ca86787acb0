import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The validation benchmark: see `BenchmarkOptions.usage` and `docs/performance.md`.

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
