// The customer benchmark (issue 15): with 1,000,000 customers in the store, `customer find`
// by email and by phone and the identification at `case create` must add under 2 ms to the
// command, `customer cases` on a customer with 1,000 cases take under 20 ms, and memory stay
// flat in the number of customers. Run it from the repository root:
//
//   swift build -c release --scratch-path .build-release --product dcmc
//   swift build -c release --scratch-path .build-release --product CustomerBenchmark
//   .build-release/release/CustomerBenchmark [--customers N] [--store DIR --keep] [--enforce-targets]

import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let usage = """
  usage: CustomerBenchmark [--customers N] [--cases N] [--runs N] [--in-process-runs N]
                           [--store DIR] [--keep] [--dir DIR] [--dcmc PATH] [--enforce-targets]
    --customers N        customers in the large store (default 1000000); the small store
                         has 100, the store checked with 'dcmc store verify' first 1000
    --cases N            cases of the customer with many cases, in each store (default 1000)
    --runs N             runs of each command through dcmc (default 21)
    --in-process-runs N  runs of each operation in process (default 200; the name search
                         runs 21 at most)
    --store DIR          the large store: reused when a run left it complete, else generated
                         there (DIR must not exist then); default: in the scratch directory
    --keep               keep the large store (give --store to reuse it)
    --dir DIR            where the scratch directory goes (on the disk to measure; default /tmp)
    --dcmc PATH          the binary to measure (default: dcmc next to this executable)
    --enforce-targets    exit 1 when a target is missed
  """
var options = (
  customers: 1_000_000, cases: 1_000, runs: 21, inProcessRuns: 200, store: nil as String?,
  keep: false,
  directory: "/tmp", dcmc: nil as String?, enforce: false
)
BenchmarkArguments.parse("CustomerBenchmark", usage: usage) { argument, arguments throws(BenchmarkArguments.UsageError) in
  switch argument {
  case "--customers": options.customers = try arguments.count(of: argument, minimum: 100)
  case "--cases": options.cases = try arguments.count(of: argument)
  case "--runs": options.runs = try arguments.count(of: argument)
  case "--in-process-runs": options.inProcessRuns = try arguments.count(of: argument)
  case "--store": options.store = try arguments.value(of: argument)
  case "--keep": options.keep = true
  case "--dir": options.directory = try arguments.value(of: argument)
  case "--dcmc": options.dcmc = try arguments.value(of: argument)
  case "--enforce-targets": options.enforce = true
  default: return false
  }
  return true
}

let root = Scratch.make(in: options.directory, "customers")
let largePath = options.store ?? root + "/large"
var allMet = true
do {
  defer {
    try? Scratch.remove(root + "/verify")
    try? Scratch.remove(root + "/small")
    if !options.keep { try? Scratch.remove(largePath) }
    try? Scratch.remove(root + "/output.txt")
    try? Scratch.remove(root + "/memory.txt")
    rmdir(root)
  }
  let dcmc = try DCMCExecutable.locate(given: options.dcmc)
  let generator = StoreGenerator(
    dcmc: dcmc, outputPath: root + "/output.txt", busyCases: options.cases)
  print("dcmc customer benchmark (release); load average \(LoadAverage.text)")
  let checked = try generator.generate(at: root + "/verify", customers: 1_000)
  try generator.verify(checked)
  try Scratch.remove(checked.path)
  let small = try generator.generate(at: root + "/small", customers: 100)
  let large = try generator.store(at: largePath, customers: options.customers)
  print("measuring; load average \(LoadAverage.text)")
  let cli = try CLIMeasurement(dcmc: dcmc, scratch: root, runs: options.runs).measure(
    small: try Lookups(small, runs: options.runs), large: try Lookups(large, runs: options.runs))
  let inProcess = try InProcessMeasurement(runs: options.inProcessRuns).measure(
    small: try Lookups(small, runs: options.inProcessRuns),
    large: try Lookups(large, runs: options.inProcessRuns))
  print(
    "load average after: \(LoadAverage.text); \(options.runs) runs through dcmc, \(options.inProcessRuns) in process"
  )
  let report = CustomerReport(
    small: small.customers, large: large.customers, cli: cli.results, version: cli.version,
    inProcess: inProcess)
  allMet = Figure.printTable(report.figures, notes: CustomerReport.notes)
  if options.keep { print("kept the store of \(large.customers) customers at \(largePath)") }
} catch let failure as BenchmarkFailure {
  print("benchmark failed: \(failure.message)")
  exit(failure.status)
} catch {
  print("benchmark failed: \(error)")
  exit(2)
}
exit(options.enforce && !allMet ? 1 : 0)
