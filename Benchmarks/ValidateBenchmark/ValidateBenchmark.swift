import BenchmarkSupport
import DCMCDiagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs every measurement of the benchmark and prints the report.
///
/// Targets: the corpus validated by `dcmc validate --strict` in under 0.5 s wall (median
/// run) and 200 MB peak resident memory (worst run); one small file validated in under
/// 20 ms wall including process start (median run). In-process figures have no target:
/// they show where the time of a run goes.
struct ValidateBenchmark {
  static let corpusWallLimit = 0.5
  static let corpusMemoryLimit = 200e6
  static let smallFileWallLimit = 0.020

  /// The measurements of one command run several times.
  private struct ChildSamples {
    var wall = Samples()
    var cpu = Samples()
    var memory = Samples()
    /// The highest `ChildProcess.Outcome.floorBytes` of the runs.
    var floor = 0.0
  }

  var options: BenchmarkOptions
  private var figures: [Figure] = []
  private var notes: [String] = []

  init(options: BenchmarkOptions) { self.options = options }

  /// Runs the benchmark and returns the exit status.
  mutating func run() throws(BenchmarkFailure) -> Int32 {
    let dcmc = try locateDCMC()
    var load = [0.0, 0.0, 0.0]
    let loadAtStart = getloadavg(&load, 3) == 3 ? load : nil
    var workspace = try Workspace()
    defer {
      if options.keep { print("kept the generated files in \(workspace.root)") } else { workspace.remove() }
    }
    // The children run while this process is small (see `ChildProcess.Outcome.floorBytes`):
    // the small file before the corpus is generated, everything before the in-process runs.
    var size = Workspace.CorpusSize()
    try workspace.writeSmallFile(into: &size)
    let small = try measureChild(
      dcmc, ["validate", "--strict", workspace.smallFile], runs: options.smallRuns, workspace: workspace)
    let start = try measureChild(dcmc, ["--version"], runs: options.smallRuns, workspace: workspace)
    try workspace.writeCorpus(caseTypes: options.caseTypes, into: &size)
    let corpus = try measureChild(
      dcmc, ["validate", "--strict", workspace.corpusDirectory], runs: options.runs, workspace: workspace)
    printHeader(size: size, dcmc: dcmc, load: loadAtStart)
    try measureInProcess(workspace.corpusFiles)
    figures += [
      Figure(
        label: "dcmc validate --strict corpus: wall", unit: .seconds, best: corpus.wall.best,
        median: corpus.wall.median, judged: corpus.wall.median, limit: Self.corpusWallLimit),
      Figure(
        label: "dcmc validate --strict corpus: CPU user+sys", unit: .seconds, best: corpus.cpu.best,
        median: corpus.cpu.median, judged: corpus.cpu.median, limit: nil),
      Figure(
        label: "dcmc validate --strict corpus: peak RSS", unit: .megabytes, best: corpus.memory.best,
        median: corpus.memory.median, judged: corpus.memory.worst, limit: Self.corpusMemoryLimit),
      Figure(
        label: "dcmc validate --strict small.yaml: wall", unit: .milliseconds, best: small.wall.best,
        median: small.wall.median, judged: small.wall.median, limit: Self.smallFileWallLimit),
      Figure(
        label: "dcmc validate --strict small.yaml: peak RSS", unit: .megabytes, best: small.memory.best,
        median: small.memory.median, judged: small.memory.worst, limit: nil),
      Figure(
        label: "dcmc --version (process start): wall", unit: .milliseconds, best: start.wall.best,
        median: start.wall.median, judged: start.wall.median, limit: nil),
    ]
    notes.append(
      "a child's peak RSS reads no lower than this process's resident size when it spawns the child: "
        + Figure.decimal(corpus.floor / 1e6, digits: 1) + " MB for the corpus runs, "
        + Figure.decimal(small.floor / 1e6, digits: 1) + " MB for the small-file runs")
    return printFigures()
  }

  /// - Parameter load: the 1-, 5- and 15-minute load averages before the first measurement.
  private mutating func printHeader(size: Workspace.CorpusSize, dcmc: String, load: [Double]?) {
    let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    let loadText = load.map { $0.map { Figure.decimal($0, digits: 2) }.joined(separator: " ") } ?? "unknown"
    if let busy = load?.first, busy >= Double(cores) / 2 {
      notes.append(
        "the load average was \(Figure.decimal(busy, digits: 2)) on \(cores) cores before the first run: other "
          + "processes competed for the processors, so wall times are longer than on an idle machine")
    }
    let perCaseType = size.caseTypes > 0 ? Double(size.caseTypeLines) / Double(size.caseTypes) : 0
    print("machine: \(cores) cores online, load average before the runs \(loadText)")
    print("dcmc: \(dcmc)")
    print(
      "corpus: \(size.caseTypes) case types in \(size.files) files, \(size.lines) lines, "
        + "\(Figure.decimal(Double(size.bytes) / 1e6, digits: 2)) MB; "
        + "\(Figure.decimal(perCaseType, digits: 1)) lines per case type file")
    print("small.yaml: \(size.smallFileLines) lines, \(size.smallFileBytes) bytes (one case type and what it uses)")
    print("runs: \(options.runs) per corpus figure, \(options.smallRuns) per small-file figure")
    print("")
  }

  /// Validates the corpus in process, serially then in parallel, `options.runs` times each.
  private mutating func measureInProcess(_ paths: [String]) throws(BenchmarkFailure) {
    var serial: [InProcessValidation.Run] = []
    var parallel: [InProcessValidation.Run] = []
    for _ in 0..<options.runs { serial.append(try InProcessValidation.serial(paths)) }
    for _ in 0..<options.runs { parallel.append(try InProcessValidation.parallel(paths)) }
    if let problems = (serial + parallel).first(where: { !$0.problems.isEmpty })?.problems {
      let shown = Array(problems.prefix(10))
      let report = DiagnosticReport(diagnostics: shown, sources: [:], fileCount: paths.count)
      throw BenchmarkFailure(
        message: "the corpus has \(problems.count) errors or warnings; the first ones:\n"
          + report.render(.human, toolVersion: "benchmark"), status: 1)
    }
    func add(_ label: String, _ runs: [InProcessValidation.Run], _ value: (InProcessValidation.Run) -> Double) {
      var samples = Samples()
      for run in runs { samples.append(value(run)) }
      figures.append(
        Figure(
          label: label, unit: .seconds, best: samples.best, median: samples.median, judged: samples.median, limit: nil))
    }
    add("in process, serial: read+parse", serial) { $0.readParse }
    add("in process, serial: decode", serial) { $0.decode }
    add("in process, serial: link", serial) { $0.link }
    add("in process, serial: total", serial) { $0.total }
    add("in process, parallel: read+parse+decode", parallel) { $0.readParseDecode }
    add("in process, parallel: link", parallel) { $0.link }
    add("in process, parallel: total", parallel) { $0.total }
  }

  /// Runs `dcmc arguments` `runs` times; every run must exit with status 0.
  private func measureChild(
    _ dcmc: String, _ arguments: [String], runs: Int, workspace: Workspace
  ) throws(BenchmarkFailure) -> ChildSamples {
    var samples = ChildSamples()
    let child = ChildProcess(executable: dcmc, arguments: arguments, outputPath: workspace.outputFile)
    for _ in 0..<runs {
      let outcome = try child.run()
      guard outcome.status == 0 else {
        throw BenchmarkFailure(
          message: "'dcmc \(arguments.joined(separator: " "))' exited with status \(outcome.status):\n"
            + workspace.outputHead(lines: 30), status: 1)
      }
      samples.wall.append(outcome.wallSeconds)
      samples.cpu.append(outcome.cpuSeconds)
      samples.memory.append(outcome.peakResidentBytes)
      samples.floor = max(samples.floor, outcome.floorBytes)
    }
    return samples
  }

  /// Prints the figures and returns the exit status.
  private func printFigures() -> Int32 {
    let met = Figure.printTable(figures, notes: notes)
    return options.enforceTargets && !met ? 1 : 0
  }

  /// The `--dcmc` path, else `dcmc` in this executable's directory.
  private func locateDCMC() throws(BenchmarkFailure) -> String {
    try DCMCExecutable.locate(given: options.dcmc)
  }
}
