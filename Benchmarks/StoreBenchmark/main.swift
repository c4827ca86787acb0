import DCMCStore
import BenchmarkSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store benchmark: see `BenchmarkOptions.usage` and `docs/performance.md`.

func printError(_ text: String) {
  let bytes = Array(text.utf8)
  _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

/// One measured figure over the runs: operations per second, and this process's processor
/// time (user + system) per operation.
struct Rate {
  var label: String
  var rates: [Double] = []
  var processorSeconds: [Double] = []

  var best: Double { rates.max() ?? 0 }
  var median: Double { rates.sorted()[rates.count / 2] }
  var medianProcessor: Double { processorSeconds.sorted()[processorSeconds.count / 2] }

  var line: String {
    "  " + pad(label, 46) + pad(format(best) + "/s", 10, right: true) + pad(format(median) + "/s", 10, right: true)
      + pad(format(1e6 / median) + " us", 12, right: true) + pad(format(medianProcessor * 1e6) + " us", 10, right: true)
  }
}

/// This process's processor time so far, user plus system, in seconds.
func processorTime() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
    + Double(usage.ru_stime.tv_usec) / 1e6
}

func format(_ value: Double) -> String { String(Int(value.rounded())) }

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  let fill = String(repeating: " ", count: max(0, width - text.count))
  return right ? fill + text : text + fill
}

func run(_ options: BenchmarkOptions) throws -> Int32 {
  let scratch = options.directory + "/store-benchmark-\(getpid())"
  guard mkdir(scratch, 0o755) == 0 else {
    throw DiskCeilings.Failure(message: "cannot create '\(scratch)': \(String(cString: strerror(errno)))")
  }
  defer {
    if options.keep { print("kept \(scratch)") } else { _ = system("rm -rf '\(scratch)'") }
  }
  let payload = Array(
    #"{"at":"2026-12-01T08:00:00Z","by":"ann","case":"C-000123","task":"verify-docs","type":"task.completed"}"#.utf8)
  // The engine's line is the payload plus a header of about 22 bytes and a newline.
  let line = Array(repeating: UInt8(ascii: "0"), count: 22) + payload + [0x0a]
  var figures = [
    Rate(label: "disk: append + fdatasync"),
    Rate(label: "disk: write + fsync + rename + fsync dir"),
    Rate(label: "engine: append command, 100 streams"),
    Rate(label: "engine: append command, 1 stream"),
    Rate(label: "engine: replace command"),
    Rate(label: "disk: link an entry into a growing directory"),
    Rate(label: "helper thread: an empty job's round trip"),
  ]
  let count = options.operations
  print("load average before: \(LoadAverage.text); \(count) operations a measurement and run, \(options.runs) runs")
  // Each run does its operations in 10 rounds, each measurement taking a turn in every
  // round, so that the other users of the disk weigh on all figures alike.
  let rounds = 10
  let share = max(count / rounds, 1)
  let helper = HelperThread()
  for run in 1...options.runs {
    let root = scratch + "/run-\(run)"
    let store = try Store.create(at: root)
    var seconds = [Double](repeating: 0, count: figures.count)
    var processor = [Double](repeating: 0, count: figures.count)
    var linked = 0
    let measurements: [() throws -> Double] = [
      { try DiskCeilings.append(line, operations: share, in: root) },
      { try DiskCeilings.replace(line, operations: share, in: root) },
      { try EngineRates.append(payload, operations: share, streams: 100, store: store) },
      { try EngineRates.append(payload, operations: share, streams: 1, store: store) },
      { try EngineRates.replace(line, operations: share, store: store) },
      {
        defer { linked += share }
        return try SplitCosts.entries(operations: share, first: linked, in: root)
      },
      { SplitCosts.handoff(operations: share, helper: helper) },
    ]
    for _ in 0..<rounds {
      for (index, measure) in measurements.enumerated() {
        let before = processorTime()
        seconds[index] += try measure()
        processor[index] += processorTime() - before
      }
    }
    let total = Double(share * rounds)
    for index in figures.indices {
      figures[index].rates.append(total / seconds[index])
      figures[index].processorSeconds.append(processor[index] / total)
    }
  }
  print(
    "  " + pad("", 46) + pad("best", 10, right: true) + pad("median", 10, right: true)
      + pad("median op", 12, right: true) + pad("CPU/op", 10, right: true))
  for figure in figures { print(figure.line) }
  let ratio = figures[2].median / figures[0].median
  let met = ratio >= 0.5
  print("  engine append / disk append (medians): \(format(ratio * 100))%   target >= 50%  \(met ? "PASS" : "FAIL")")
  print("load average after: \(LoadAverage.text)")
  return !met && options.enforceTarget ? 1 : 0
}

let status: Int32
do throws(BenchmarkOptions.UsageError) {
  let options = try BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
  if options.help {
    print(BenchmarkOptions.usage, terminator: "")
    status = 0
  } else {
    do {
      status = try run(options)
    } catch let error as DiskCeilings.Failure {
      printError("StoreBenchmark: \(error.message)\n")
      status = 2
    } catch {
      printError("StoreBenchmark: \(error)\n")
      status = 2
    }
  }
} catch {
  printError("StoreBenchmark: \(error.message)\n\n" + BenchmarkOptions.usage)
  status = 2
}
exit(status)
