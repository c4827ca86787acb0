import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The compile and load benchmark: see `CompileOptions.usage` and `docs/performance.md`.

let status: Int32
do throws(CompileOptions.UsageError) {
  let options = try CompileOptions(Array(CommandLine.arguments.dropFirst()))
  if options.help {
    print(CompileOptions.usage, terminator: "")
    status = 0
  } else if let path = options.coldLoad {
    status = CompileBenchmark.loadCold(path)
  } else {
    var benchmark = CompileBenchmark(options: options)
    do throws(BenchmarkFailure) {
      status = try benchmark.run()
    } catch {
      printError("CompileBenchmark: \(error.message)\n")
      status = error.status
    }
  }
} catch {
  printError("CompileBenchmark: \(error.message)\n\n" + CompileOptions.usage)
  status = 2
}
exit(status)
