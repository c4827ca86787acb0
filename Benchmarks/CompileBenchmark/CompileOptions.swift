import BenchmarkSupport

/// The compile benchmark's command line.
struct CompileOptions {
  typealias UsageError = BenchmarkArguments.UsageError

  static let usage = """
    Usage: CompileBenchmark [--dcmc PATH] [--case-types N] [--runs N] [--load-runs N]
                            [--definitions DIR] [--keep] [--enforce-targets]

    Generates the validation benchmark's corpus of N case types (default 1000), compiles it
    with 'dcmc compile' as a child process and in process (check, then compile and seal),
    compiles the reference definitions and loads their bundle in process as the runtime
    will, and prints every figure with its target. Run it from the repository root.

    Options:
      --dcmc PATH         the dcmc binary (default: 'dcmc' next to this executable)
      --case-types N      case types in the corpus (default 1000)
      --runs N            runs of each corpus measurement (default 5)
      --load-runs N       loads of the reference bundle (default 200)
      --definitions DIR   the reference definitions (default: definitions)
      --keep              keep the generated files and print where they are
      --enforce-targets   exit with status 1 when a target is missed

    Exit status: 0 done, 1 the corpus does not compile (or a target is missed under
    --enforce-targets), 2 usage error or the benchmark could not run.

    """

  var dcmc: String?
  var caseTypes = 1_000
  var runs = 5
  var loadRuns = 200
  var definitions = "definitions"
  var keep = false
  var enforceTargets = false
  var help = false
  /// Internal: time the first and second parse, hash and load of this bundle file, print
  /// them and exit (the benchmark runs itself so to time a process's first load).
  var coldLoad: String?

  init(_ arguments: [String]) throws(UsageError) {
    var rest = BenchmarkArguments(arguments)
    while let argument = rest.next() {
      switch argument {
      case "--keep": keep = true
      case "--enforce-targets": enforceTargets = true
      case "--help", "-h": help = true
      case "--dcmc", "--definitions", "--cold-load":
        let path = try rest.value(of: argument)
        switch argument {
        case "--dcmc": dcmc = path
        case "--definitions": definitions = path
        default: coldLoad = path
        }
      case "--case-types": caseTypes = try rest.count(of: argument)
      case "--runs": runs = try rest.count(of: argument)
      case "--load-runs": loadRuns = try rest.count(of: argument)
      default: throw BenchmarkArguments.unknown(argument)
      }
    }
  }

}
