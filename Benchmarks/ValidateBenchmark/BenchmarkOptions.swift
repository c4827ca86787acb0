/// The benchmark's command line.
struct BenchmarkOptions {
  struct UsageError: Error {
    var message: String
  }

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
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--keep": keep = true
      case "--enforce-targets": enforceTargets = true
      case "--help", "-h": help = true
      case "--dcmc":
        guard let path = rest.popFirst() else { throw UsageError(message: "'--dcmc' needs a path") }
        dcmc = path
      case "--case-types": caseTypes = try Self.count(argument, rest.popFirst(), minimum: 0)
      case "--runs": runs = try Self.count(argument, rest.popFirst(), minimum: 1)
      case "--small-runs": smallRuns = try Self.count(argument, rest.popFirst(), minimum: 1)
      default: throw UsageError(message: "unknown argument '\(argument)'")
      }
    }
  }

  private static func count(_ option: String, _ text: String?, minimum: Int) throws(UsageError) -> Int {
    guard let text, let value = Int(text), value >= minimum else {
      throw UsageError(message: "'\(option)' needs an integer of at least \(minimum)")
    }
    return value
  }
}
