/// The benchmark's command line.
struct BenchmarkOptions {
  struct UsageError: Error {
    var message: String
  }

  static let usage = """
    Usage: StoreBenchmark [--dir DIR] [--operations N] [--runs N] [--keep] [--enforce-target]

    Measures, in one run and interleaved so that all see the same load, the disk's own
    ceilings (append + fdatasync to one file; write + fsync + rename + fsync of the
    directory) and DCMCStore's durable command rate in process (lock + read + append +
    fdatasync per command), and prints each figure with issue 6's target: the engine's
    append rate at least half of the append ceiling.

    Options:
      --dir DIR          where to make the scratch directory (default: the current
                         directory; it must be on the disk to measure, not a tmpfs)
      --operations N     operations per measurement (default 2000)
      --runs N           runs of each measurement (default 5)
      --keep             keep the scratch directory and print where it is
      --enforce-target   exit with status 1 when the target is missed

    Exit status: 0 done (target met, or not enforced), 1 target missed under
    --enforce-target, 2 usage error or the benchmark could not run.

    """

  var directory = "."
  var operations = 2_000
  var runs = 5
  var keep = false
  var enforceTarget = false
  var help = false

  init(_ arguments: [String]) throws(UsageError) {
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--keep": keep = true
      case "--enforce-target": enforceTarget = true
      case "--help", "-h": help = true
      case "--dir":
        guard let path = rest.popFirst() else { throw UsageError(message: "'--dir' needs a path") }
        directory = path
      case "--operations": operations = try Self.count(argument, rest.popFirst())
      case "--runs": runs = try Self.count(argument, rest.popFirst())
      default: throw UsageError(message: "unknown argument '\(argument)'")
      }
    }
  }

  private static func count(_ option: String, _ text: String?) throws(UsageError) -> Int {
    guard let text, let value = Int(text), value >= 1 else {
      throw UsageError(message: "'\(option)' needs an integer of at least 1")
    }
    return value
  }
}
