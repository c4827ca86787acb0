import BenchmarkSupport

/// The benchmark's command line.
struct BenchmarkOptions {
  typealias UsageError = BenchmarkArguments.UsageError

  static let usage = """
    Usage: ValidateBenchmark [--dcmc PATH] [--case-types N] [--runs N] [--small-runs N] [--keep]
                             [--enforce-targets]

    Generates a corpus of N case types (default 1000) with their calendars, workgroups and
    templates, validates it in process (serially and in parallel) and with 'dcmc validate
    --strict' as a child process, validates one small file with the child, and prints every
    figure with its target.

    Options:
      --dcmc PATH         the dcmc binary (default: 'dcmc' next to this executable)
      --case-types N      case types in the corpus (default 1000)
      --runs N            runs of each corpus measurement (default 5)
      --small-runs N      runs of each small-file measurement (default 20)
      --keep              keep the generated files and print where they are
      --enforce-targets   exit with status 1 when a target is missed, not only on an invalid corpus

    Exit status: 0 the corpus validates clean, 1 it does not (or a target is missed under
    --enforce-targets), 2 usage error or the benchmark could not run.

    """

  var dcmc: String?
  var caseTypes = 1_000
  var runs = 5
  var smallRuns = 20
  var keep = false
  var enforceTargets = false
  var help = false

  init(_ arguments: [String]) throws(UsageError) {
    var rest = BenchmarkArguments(arguments)
    while let argument = rest.next() {
      switch argument {
      case "--keep": keep = true
      case "--enforce-targets": enforceTargets = true
      case "--help", "-h": help = true
      case "--dcmc": dcmc = try rest.value(of: argument)
      case "--case-types": caseTypes = try rest.count(of: argument, minimum: 0)
      case "--runs": runs = try rest.count(of: argument)
      case "--small-runs": smallRuns = try rest.count(of: argument)
      default: throw BenchmarkArguments.unknown(argument)
      }
    }
  }

}
