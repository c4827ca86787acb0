import BenchmarkSupport

/// The benchmark's command line.
struct BenchmarkOptions {
  typealias UsageError = BenchmarkArguments.UsageError

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
    var rest = BenchmarkArguments(arguments)
    while let argument = rest.next() {
      switch argument {
      case "--keep": keep = true
      case "--enforce-target": enforceTarget = true
      case "--help", "-h": help = true
      case "--dir": directory = try rest.value(of: argument)
      case "--operations": operations = try rest.count(of: argument)
      case "--runs": runs = try rest.count(of: argument)
      default: throw BenchmarkArguments.unknown(argument)
      }
    }
  }

}
