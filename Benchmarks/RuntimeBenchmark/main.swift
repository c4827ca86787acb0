// The runtime benchmark (issues 6 and 7): the engine's durable command rate against the
// disk's append ceiling, `task complete` and `case show` through the CLI on stores of
// 1,000 and 10,000 cases, `tick` through the CLI on stores of 1,000 and 100,000 open
// cases with 100 timers due, and `outbox deliver` (a process per notification against
// `--batch`). Run it from the repository root:
//
//   swift build -c release --scratch-path .build-release --product dcmc
//   swift build -c release --scratch-path .build-release --product RuntimeBenchmark
//   .build-release/release/RuntimeBenchmark [--dir DIR] [--cases N] [--tick-cases N]
//       [--notifications N] [--only rates|cli|tick|outbox] [--dcmc PATH]

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
  usage: RuntimeBenchmark [--dir DIR] [--cases N] [--tick-cases N] [--notifications N]
                          [--only rates|cli|tick|outbox] [--dcmc PATH]
    --dir DIR         where the scratch stores go (on the disk to measure; default /tmp)
    --cases N         cases in the large store of the CLI figures (default 10000, at least
                      210: the small store has a tenth, and 20 runs need 21 of them)
    --tick-cases N    open cases in the large store of the tick figures (default 100000, at
                      least 1000: the small store has a tenth, 100 of them due)
    --notifications N pending notifications for the outbox figures (default 2735, the
                      issue's outbox)
    --only PART       run one part: rates (engine against disk), cli (task complete,
                      case show), tick or outbox
    --dcmc PATH       the binary to measure (default: dcmc next to this executable)
  """
var options = (
  directory: "/tmp", cases: 10_000, tickCases: 100_000, notifications: 2_735, only: nil as String?,
  dcmc: nil as String?
)
BenchmarkArguments.parse("RuntimeBenchmark", usage: usage) { argument, arguments throws(BenchmarkArguments.UsageError) in
  switch argument {
  case "--dir": options.directory = try arguments.value(of: argument)
  case "--cases": options.cases = try arguments.count(of: argument, minimum: 210)
  case "--tick-cases": options.tickCases = try arguments.count(of: argument, minimum: 1_000)
  case "--notifications": options.notifications = try arguments.count(of: argument, minimum: 1)
  case "--only":
    let part = try arguments.value(of: argument, "rates, cli, tick or outbox")
    guard ["rates", "cli", "tick", "outbox"].contains(part) else { throw BenchmarkArguments.unknown(part) }
    options.only = part
  case "--dcmc": options.dcmc = try arguments.value(of: argument)
  default: return false
  }
  return true
}

do {
  let dcmc = try DCMCExecutable.locate(given: options.dcmc)
  let bench = try RuntimeBench(directory: options.directory, dcmc: dcmc)
  defer { bench.cleanUp() }
  print("dcmc runtime benchmark (release); load average \(LoadAverage.text)")
  if options.only == nil || options.only == "rates" { try bench.commandRates() }
  if options.only == nil || options.only == "cli" {
    try bench.cliCommands(smallCases: min(1_000, options.cases / 10), largeCases: options.cases)
  }
  if options.only == nil || options.only == "tick" {
    try bench.ticks(smallCases: min(1_000, options.tickCases / 10), largeCases: options.tickCases, due: 100)
  }
  if options.only == nil || options.only == "outbox" { try bench.outbox(count: options.notifications) }
} catch {
  print("benchmark failed: \(error)")
  exit(2)
}
