// The runtime benchmark (issues 6 and 7): the engine's durable command rate against the
// disk's append ceiling, `task complete` and `case show` through the CLI on stores of
// 1,000 and 10,000 cases, and `tick` through the CLI on stores of 1,000 and 100,000 open
// cases with 100 timers due. Run it from the repository root:
//
//   swift build -c release --scratch-path .build-release --product dcmc
//   swift build -c release --scratch-path .build-release --product RuntimeBenchmark
//   .build-release/release/RuntimeBenchmark [--dir DIR] [--cases N] [--tick-cases N]

import BenchmarkSupport
import DCMCCalendar
import DCMCRuntime
import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

var options = (directory: "/tmp", cases: 10_000, tickCases: 100_000, dcmc: nil as String?)
var argumentIndex = 1
while argumentIndex + 1 < CommandLine.arguments.count {
  let (name, value) = (CommandLine.arguments[argumentIndex], CommandLine.arguments[argumentIndex + 1])
  switch name {
  case "--dir": options.directory = value
  case "--cases": options.cases = Int(value) ?? options.cases
  case "--tick-cases": options.tickCases = Int(value) ?? options.tickCases
  case "--dcmc": options.dcmc = value
  default: break
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
  try bench.commandRates()
  try bench.cliCommands(smallCases: min(1_000, options.cases / 10), largeCases: options.cases)
  try bench.ticks(smallCases: min(1_000, options.tickCases / 10), largeCases: options.tickCases, due: 100)
} catch {
  print("benchmark failed: \(error)")
  exit(2)
}
