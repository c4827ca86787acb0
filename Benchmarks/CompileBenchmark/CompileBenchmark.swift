import BenchmarkSupport
import DCMCBundle
import DCMCJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs every measurement and prints the report.
///
/// Targets: the 1,000-case-type corpus compiled by `dcmc compile` in under 1.5 s wall (median
/// run, process start included); the bundle of `definitions/` loaded by `BundleFile.load`,
/// as the runtime will load it, in under 5 ms (median). Other figures show where the time
/// goes and have no target.
struct CompileBenchmark {
  static let corpusWallLimit = 1.5
  static let loadLimit = 0.005

  var options: CompileOptions
  private var figures: [Figure] = []

  init(options: CompileOptions) { self.options = options }

  mutating func run() throws(BenchmarkFailure) -> Int32 {
    let dcmc = try DCMCExecutable.locate(given: options.dcmc)
    var load = [0.0, 0.0, 0.0]
    let loadAtStart = getloadavg(&load, 3) == 3 ? load.map { Figure.decimal($0, digits: 2) } : ["unknown"]
    var workspace = try Workspace()
    let corpusBundle = workspace.root + "/corpus.json"
    let referenceBundle = workspace.root + "/definitions.json"
    defer {
      if options.keep {
        print("kept the generated files in \(workspace.root)")
      } else {
        unlink(corpusBundle)
        unlink(referenceBundle)
        workspace.remove()
      }
    }
    var size = Workspace.CorpusSize()
    try workspace.writeCorpus(caseTypes: options.caseTypes, into: &size)
    let arguments = ["compile", workspace.corpusDirectory, "-o", corpusBundle]
    let child = try measureChild(dcmc, arguments, runs: options.runs, workspace: workspace)
    let written = try Self.read(corpusBundle)
    let loaded: DefinitionBundle
    do {
      loaded = try BundleFile.load(written)
    } catch {
      throw BenchmarkFailure(message: "the bundle 'dcmc compile' wrote does not load: \(error)", status: 1)
    }
    print(
      "machine: \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores online, load average before the runs \(loadAtStart.joined(separator: " "))"
    )
    print("dcmc: \(dcmc)")
    print(
      "corpus: \(size.caseTypes) case types in \(size.files) files, \(size.lines) lines, "
        + "\(Figure.decimal(Double(size.bytes) / 1e6, digits: 2)) MB of YAML; bundle "
        + "\(Figure.decimal(Double(written.count) / 1e6, digits: 2)) MB with \(loaded.caseTypes.count) case types")
    figures += [
      Figure(
        label: "dcmc compile corpus: wall", unit: .seconds, best: child.wall.best, median: child.wall.median,
        judged: child.wall.median, limit: Self.corpusWallLimit),
      Figure(
        label: "dcmc compile corpus: CPU user+sys", unit: .seconds, best: child.cpu.best, median: child.cpu.median,
        judged: child.cpu.median, limit: nil),
      Figure(
        label: "dcmc compile corpus: peak RSS", unit: .megabytes, best: child.memory.best,
        median: child.memory.median, judged: child.memory.worst, limit: nil),
    ]
    try measureInProcess(workspace.corpusFiles, written: written)
    try measureReference(dcmc, bundlePath: referenceBundle, workspace: workspace)
    print("runs: \(options.runs) per corpus figure, \(options.loadRuns) loads of the reference bundle")
    print("")
    let met = Figure.printTable(figures)
    return options.enforceTargets && !met ? 1 : 0
  }

  /// The corpus compiled in process: the check, the compile and seal, and loading it back.
  private mutating func measureInProcess(_ paths: [String], written: [UInt8]) throws(BenchmarkFailure) {
    var check = Samples()
    var compile = Samples()
    var loadBack = Samples()
    let clock = ContinuousClock()
    var lastBundle: DefinitionBundle?
    for _ in 0..<options.runs {
      let run = try InProcessCompile.run(paths)
      lastBundle = run.bundle
      check.append(run.check)
      compile.append(run.compile)
      let start = clock.now
      _ = try? BundleFile.load(run.bytes)
      loadBack.append((clock.now - start).seconds)
    }
    func add(_ label: String, _ samples: Samples) {
      figures.append(
        Figure(
          label: label, unit: .seconds, best: samples.best, median: samples.median, judged: samples.median, limit: nil))
    }
    // Where sealing's time goes, on the last run's bundle.
    var encode = Samples()
    var hash = Samples()
    var pretty = Samples()
    if let bundle = lastBundle {
      for _ in 0..<options.runs {
        var start = clock.now
        guard let document = try? JSONValue.encode(bundle) else { break }
        encode.append((clock.now - start).seconds)
        start = clock.now
        _ = BundleFile.contentHash(of: document)
        hash.append((clock.now - start).seconds)
        start = clock.now
        _ = document.pretty()
        pretty.append((clock.now - start).seconds)
      }
    }
    add("in process: check (read, parse, decode, link)", check)
    add("in process: compile and seal", compile)
    add("  of which: encode the model", encode)
    add("  of which: canonical text and SHA-256", hash)
    add("  of which: pretty text", pretty)
    add("in process: load the corpus bundle", loadBack)
  }

  /// The bundle of the reference definitions, loaded in process as the runtime will.
  private mutating func measureReference(
    _ dcmc: String, bundlePath: String, workspace: Workspace
  ) throws(BenchmarkFailure) {
    let files = Self.yamlFiles(under: options.definitions)
    guard !files.isEmpty else {
      throw BenchmarkFailure(message: "no YAML files under '\(options.definitions)'; run from the repository root")
    }
    let bytes = try InProcessCompile.run(files).bytes
    try Self.write(bytes, to: bundlePath)
    let clock = ContinuousClock()
    var load = Samples()
    var readAndLoad = Samples()
    for _ in 0..<options.loadRuns {
      let start = clock.now
      guard (try? BundleFile.load(bytes)) != nil else {
        throw BenchmarkFailure(message: "the reference bundle does not load")
      }
      load.append((clock.now - start).seconds)
      let reading = clock.now
      _ = try? BundleFile.load(try Self.read(bundlePath))
      readAndLoad.append((clock.now - reading).seconds)
    }
    // Where a load's time goes: the strict parse, the canonical text and its SHA-256, the decoding.
    var parse = Samples()
    var hash = Samples()
    for _ in 0..<options.loadRuns {
      let start = clock.now
      guard let document = try? JSONValue.parse(bytes, limits: BundleFile.jsonLimits) else { break }
      parse.append((clock.now - start).seconds)
      let hashing = clock.now
      _ = BundleFile.contentHash(of: document)
      hash.append((clock.now - hashing).seconds)
    }
    let cold = try measureColdLoads(bundlePath: bundlePath, workspace: workspace)
    let verify = try measureChild(dcmc, ["bundle", "verify", bundlePath], runs: 20, workspace: workspace)
    print("definitions: \(files.count) files, bundle \(bytes.count) bytes")
    figures += [
      Figure(
        label: "load definitions bundle (\(bytes.count / 1_000) kB)", unit: .milliseconds, best: load.best,
        median: load.median, judged: load.median, limit: Self.loadLimit),
      Figure(
        label: "  of which: parse the JSON", unit: .milliseconds, best: parse.best, median: parse.median,
        judged: parse.median, limit: nil),
      Figure(
        label: "  of which: canonical text and SHA-256", unit: .milliseconds, best: hash.best, median: hash.median,
        judged: hash.median, limit: nil),
      Figure(
        label: "first load in a process (cold)", unit: .milliseconds, best: cold.whole.best,
        median: cold.whole.median, judged: cold.whole.median, limit: nil),
      Figure(
        label: "  of which: parse the JSON", unit: .milliseconds, best: cold.parse.best,
        median: cold.parse.median, judged: cold.parse.median, limit: nil),
      Figure(
        label: "  of which: canonical text and SHA-256", unit: .milliseconds, best: cold.hash.best,
        median: cold.hash.median, judged: cold.hash.median, limit: nil),
      Figure(
        label: "  of which: decode to the typed model", unit: .milliseconds, best: cold.decode.best,
        median: cold.decode.median, judged: cold.decode.median, limit: nil),
      Figure(
        label: "  its second load (warm)", unit: .milliseconds, best: cold.second.best,
        median: cold.second.median, judged: cold.second.median, limit: nil),
      Figure(
        label: "read file and load definitions bundle", unit: .milliseconds, best: readAndLoad.best,
        median: readAndLoad.median, judged: readAndLoad.median, limit: nil),
      Figure(
        label: "dcmc bundle verify (process start included)", unit: .milliseconds, best: verify.wall.best,
        median: verify.wall.median, judged: verify.wall.median, limit: nil),
    ]
  }

  /// A process's first load of a bundle, in parts (seconds).
  struct ColdLoad {
    var parse = Samples()
    var hash = Samples()
    /// The first load less a warm parse and hash: what decoding costs the first time.
    var decode = Samples()
    var whole = Samples()
    /// The second load, everything warm.
    var second = Samples()
  }

  /// Runs this benchmark with `--cold-load` 20 times: each child times its first parse, hash
  /// and load of the bundle, then a second of each, which shows what a CLI command pays once
  /// per process (type metadata, protocol conformances, first allocations) on top of the
  /// warm figures.
  private func measureColdLoads(bundlePath: String, workspace: Workspace) throws(BenchmarkFailure) -> ColdLoad {
    let child = ChildProcess(
      executable: DCMCExecutable.running, arguments: ["--cold-load", bundlePath], outputPath: workspace.outputFile)
    var cold = ColdLoad()
    for _ in 0..<20 {
      let outcome = try child.run()
      let times = workspace.outputHead(lines: 1).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
      guard outcome.status == 0, times.count == 6 else {
        throw BenchmarkFailure(message: "the cold load failed: \(workspace.outputHead(lines: 5))")
      }
      cold.parse.append(times[0])
      cold.hash.append(times[1])
      // Noise can make the difference negative when decoding costs next to nothing.
      let decode = max(0, times[2] - times[3] - times[4])
      cold.decode.append(decode)
      cold.whole.append(times[0] + times[1] + decode)
      cold.second.append(times[5])
    }
    return cold
  }

  /// The child of `measureColdLoads`: parses the bundle at `path` and hashes it, loads it,
  /// then does the three again, and prints the six times in seconds on one line.
  static func loadCold(_ path: String) -> Int32 {
    guard let bytes = try? read(path) else { return 2 }
    let clock = ContinuousClock()
    var seconds: [Double] = []
    for _ in 0..<2 {
      var start = clock.now
      guard let document = try? JSONValue.parse(bytes, limits: BundleFile.jsonLimits) else { return 1 }
      seconds.append((clock.now - start).seconds)
      start = clock.now
      _ = BundleFile.contentHash(of: document)
      seconds.append((clock.now - start).seconds)
      start = clock.now
      guard (try? BundleFile.load(bytes)) != nil else { return 1 }
      seconds.append((clock.now - start).seconds)
    }
    // parse, hash, first load; then the warm parse, hash and load.
    print(seconds.map { String($0) }.joined(separator: " "))
    return 0
  }

  private struct ChildSamples {
    var wall = Samples()
    var cpu = Samples()
    var memory = Samples()
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
    }
    return samples
  }
}
