// The push benchmark (issue 16): with 1,000 ready users, each full with an offer, and
// 100,000 queued push tasks, one presence change or one completion (the offers it causes
// included) must cost under 20 ms through the CLI, and a tick that expires 1,000 offers under
// 500 ms; the same commands on a 1,000-task queue show that the cost does not grow with the
// queue. Run it from the repository root:
//
//   swift build -c release --scratch-path .build-release --product dcmc
//   swift build -c release --scratch-path .build-release --product PushBenchmark
//   .build-release/release/PushBenchmark [--tasks N] [--users N] [--runs N] [--dir DIR] [--enforce-targets]

import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let usage = """
  usage: PushBenchmark [--tasks N] [--users N] [--runs N] [--dir DIR] [--dcmc PATH] [--enforce-targets]
    --tasks N          queued push tasks in the large store (default 100000); the small store
                       has 1000, the store checked with 'dcmc store verify' first 200
    --users N          ready users, each holding one offer, in each store (default 1000)
    --runs N           runs of each command through dcmc (default 11); the tick runs once
    --dir DIR          where the scratch directory goes (on the disk to measure; default /tmp)
    --dcmc PATH        the binary to measure (default: dcmc next to this executable)
    --enforce-targets  exit 1 when a target is missed
  """
var options = (tasks: 100_000, users: 1_000, runs: 11, directory: "/tmp", dcmc: nil as String?, enforce: false)
BenchmarkArguments.parse("PushBenchmark", usage: usage) { argument, arguments throws(BenchmarkArguments.UsageError) in
  switch argument {
  case "--tasks": options.tasks = try arguments.count(of: argument, minimum: 1_000)
  case "--users": options.users = try arguments.count(of: argument)
  case "--runs": options.runs = try arguments.count(of: argument)
  case "--dir": options.directory = try arguments.value(of: argument)
  case "--dcmc": options.dcmc = try arguments.value(of: argument)
  case "--enforce-targets": options.enforce = true
  default: return false
  }
  return true
}

let root = Scratch.make(in: options.directory, "push")
var allMet = true
do {
  defer { try? Scratch.remove(root) }
  let dcmc = try DCMCExecutable.locate(given: options.dcmc)
  let generator = PushStoreGenerator(dcmc: dcmc, outputPath: root + "/output.txt")
  print("dcmc push benchmark (release)")
  let checked = try generator.generate(at: root + "/verify", queued: 200, ready: 20, runs: 2)
  try generator.verify(checked)
  try Scratch.remove(checked.path)
  let short = try generator.generate(at: root + "/short", queued: 1_000, ready: options.users, runs: options.runs)
  let long = try generator.generate(at: root + "/long", queued: options.tasks, ready: options.users, runs: options.runs)
  let results = try PushMeasurement(dcmc: dcmc, outputPath: root + "/output.txt").measure(
    short: short, long: long, runs: options.runs)
  let limits: [String: Double] = [
    results[1].label: 0.020, results[2].label: 0.020, results[3].label: 0.500,
  ]
  var figures: [Figure] = []
  for result in results {
    for (samples, queue) in [(result.short, short.queued), (result.long, long.queued)] {
      figures.append(
        Figure(
          label: "\(result.label), \(queue) queued", unit: .milliseconds, best: samples.best,
          median: samples.median, judged: samples.median, limit: queue == long.queued ? limits[result.label] : nil))
    }
  }
  allMet = Figure.printTable(
    figures,
    notes: [
      "\(options.runs) runs through dcmc, process start included; the tick runs once on each store",
      "each store: \(options.users) ready users each holding one offer, capacity 1",
    ])
} catch let failure as BenchmarkFailure {
  print("benchmark failed: \(failure.message)")
  exit(failure.status)
} catch {
  print("benchmark failed: \(error)")
  exit(2)
}
exit(options.enforce && !allMet ? 1 : 0)
