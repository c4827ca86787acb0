// The runtime benchmark (issues 6 and 7): the engine's durable command rate against the
// disk's append ceiling, `task complete` and `case show` through the CLI on stores of
// 1,000 and 10,000 cases, and `tick` through the CLI on stores of 1,000 and 100,000 open
// cases with 100 timers due. Run it from the repository root:
//
//   swift build -c release --scratch-path .build-release --product dcmc
//   swift build -c release --scratch-path .build-release --product RuntimeBenchmark
//   .build-release/release/RuntimeBenchmark [--dir DIR] [--cases N] [--tick-cases N]
//       [--only rates|cli|tick] [--dcmc PATH]

import BenchmarkSupport
import DCMCCalendar
import DCMCRuntime
import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let usage = """
  usage: RuntimeBenchmark [--dir DIR] [--cases N] [--tick-cases N] [--only rates|cli|tick] [--dcmc PATH]
    --dir DIR         where the scratch stores go (on the disk to measure; default /tmp)
    --cases N         cases in the large store of the CLI figures (default 10000)
    --tick-cases N    open cases in the large store of the tick figures (default 100000)
    --only PART       run one part: rates (engine against disk), cli (task complete,
                      case show) or tick
    --dcmc PATH       the binary to measure (default: dcmc next to this executable)
  """
var options = (directory: "/tmp", cases: 10_000, tickCases: 100_000, only: nil as String?, dcmc: nil as String?)
var argumentIndex = 1
while argumentIndex < CommandLine.arguments.count {
  let name = CommandLine.arguments[argumentIndex]
  let value = argumentIndex + 1 < CommandLine.arguments.count ? CommandLine.arguments[argumentIndex + 1] : ""
  switch (name, value) {
  case ("--dir", _): options.directory = value
  case ("--cases", _) where Int(value) != nil: options.cases = Int(value)!
  case ("--tick-cases", _) where Int(value) != nil: options.tickCases = Int(value)!
  case ("--only", "rates"), ("--only", "cli"), ("--only", "tick"): options.only = value
  case ("--dcmc", _): options.dcmc = value
  case ("--help", _), ("-h", _):
    print(usage)
    exit(0)
  default:
    print("RuntimeBenchmark: unexpected '\(name)'\n\(usage)")
    exit(2)
  }
  argumentIndex += 2
}

do {
  let dcmc = try DCMCExecutable.locate(given: options.dcmc)
  let bench = try RuntimeBench(directory: options.directory, dcmc: dcmc)
  defer { bench.cleanUp() }
  var load = [0.0, 0.0, 0.0]
  _ = getloadavg(&load, 3)
  print("dcmc runtime benchmark (release); load average \(load.map { Report.decimal($0, 2) }.joined(separator: " "))")
  if options.only == nil || options.only == "rates" { try bench.commandRates() }
  if options.only == nil || options.only == "cli" {
    try bench.cliCommands(smallCases: min(1_000, options.cases / 10), largeCases: options.cases)
  }
  if options.only == nil || options.only == "tick" {
    try bench.ticks(smallCases: min(1_000, options.tickCases / 10), largeCases: options.tickCases, due: 100)
  }
} catch {
  print("benchmark failed: \(error)")
  exit(2)
}
