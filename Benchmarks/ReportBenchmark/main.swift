// The report benchmark (issue 17): on a store of 1,000,000 closed cases, each report over a
// month under 1 s and the dashboard under 3 s through the release dcmc, memory under 1 GiB,
// and beside them the same figures computed by SQLite over the facts exported as CSV. Run it
// from the repository root (it deploys `definitions/`):
//
//   swift build -c release --scratch-path .build-release --product dcmc
//   swift build -c release --scratch-path .build-release --product ReportBenchmark
//   .build-release/release/ReportBenchmark [--cases N] [--runs N] [--enforce-targets]
//
// With `--postgres URL` (an empty database), the same facts are copied there and each report
// is measured on it too: issue 20's target, each within 2x of the file store's median. A
// database that already holds the store's facts (an earlier run with the same `--store` on a
// server that outlived it) is reused as it is.

import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let usage = """
  usage: ReportBenchmark [--cases N] [--runs N] [--store DIR] [--keep] [--dir DIR] [--dcmc PATH]
                         [--sqlite PATH] [--postgres URL] [--enforce-targets]
    --cases N          cases in the store, all closed (default 1000000), arriving over March 2026
    --runs N           runs of each report, of the dashboard and of each SQL query (default 5)
    --store DIR        the store: reused when a run left it with the same --cases, else generated
                       there (DIR must not exist then); default: in the scratch directory
    --keep             keep the store (give --store to reuse it)
    --dir DIR          where the scratch directory goes (on the disk to measure; default /tmp)
    --dcmc PATH        the binary to measure (default: dcmc next to this executable)
    --sqlite PATH      the peer (default /usr/bin/sqlite3)
    --postgres URL     also copy the facts into this empty PostgreSQL database and measure each
                       report there (target: within 2x of the file store's median); a database
                       an earlier run filled from the same --store is reused without a copy
    --enforce-targets  exit 1 when a target is missed or dcmc and SQLite disagree
  """
var options = (
  cases: 1_000_000, runs: 5, store: nil as String?, keep: false, directory: "/tmp",
  dcmc: nil as String?,
  sqlite: "/usr/bin/sqlite3", postgres: nil as String?, enforce: false
)
BenchmarkArguments.parse("ReportBenchmark", usage: usage) { argument, arguments throws(BenchmarkArguments.UsageError) in
  switch argument {
  case "--cases": options.cases = try arguments.count(of: argument, minimum: 100)
  case "--runs": options.runs = try arguments.count(of: argument)
  case "--store": options.store = try arguments.value(of: argument)
  case "--keep": options.keep = true
  case "--dir": options.directory = try arguments.value(of: argument)
  case "--dcmc": options.dcmc = try arguments.value(of: argument)
  case "--sqlite": options.sqlite = try arguments.value(of: argument)
  case "--postgres": options.postgres = try arguments.value(of: argument)
  case "--enforce-targets": options.enforce = true
  default: return false
  }
  return true
}

let root = Scratch.make(in: options.directory, "reports")
let storePath = options.store ?? root + "/store"
var allMet = true
var postgresAgreed = true
do {
  defer {
    for path in (options.keep ? [] : [storePath]) + [root + "/work"] {
      try? Scratch.remove(path)
    }
    rmdir(root)
  }
  mkdir(root + "/work", 0o755)
  let dcmc = try DCMCExecutable.locate(given: options.dcmc)
  print("dcmc report benchmark (release); load average \(LoadAverage.text)")
  try ReportStore(
    dcmc: dcmc, path: storePath, cases: options.cases, outputPath: root + "/work/output.txt"
  ).prepare()
  let run = ReportRun(dcmc: dcmc, store: storePath, scratch: root + "/work", runs: options.runs)
  print("measuring; load average \(LoadAverage.text)")
  var reports = try run.measureReports()
  if let url = options.postgres {
    try PostgresReportStore(dcmc: dcmc, url: url, outputPath: root + "/work/output.txt").prepare(from: storePath)
    print("measuring on postgresql; load average \(LoadAverage.text)")
    mkdir(root + "/work/postgres", 0o755)
    let postgresRun = ReportRun(dcmc: dcmc, store: url, scratch: root + "/work/postgres", runs: options.runs)
    let postgres = try postgresRun.measureReports(within: 2, of: reports.medians)
    reports.figures += postgres.figures
    reports.notes += postgres.notes
    let differing = postgresRun.differing(from: run)
    reports.notes.append(
      differing.isEmpty
        ? "every postgresql output equals the file store's"
        : "postgresql's output differs from the file store's: " + differing.joined(separator: ", "))
    postgresAgreed = differing.isEmpty
  }
  let peer = SQLitePeer(sqlite: options.sqlite, scratch: root + "/work", period: ReportRun.period)
  let sqlite = try run.measurePeer(peer, dcmc: reports.medians)
  print("load average after: \(LoadAverage.text); \(options.runs) runs of each")
  let agreed = run.compare(peer)
  allMet = Figure.printTable(reports.figures + sqlite.figures, notes: reports.notes + sqlite.notes)
  allMet = agreed && postgresAgreed && allMet
  if options.keep { print("kept the store of \(options.cases) cases at \(storePath)") }
} catch let failure as BenchmarkFailure {
  print("benchmark failed: \(failure.message)")
  exit(failure.status)
} catch {
  print("benchmark failed: \(error)")
  exit(2)
}
exit(options.enforce && !allMet ? 1 : 0)
