import BenchmarkSupport
import DCMCCalendar

/// The measurements: each report over March 2026 and the dashboard through `dcmc` (process
/// start included), then SQLite's export, import and queries of the same figures.
struct ReportRun {
  /// What a part of the run printed: its figures and notes.
  struct Result {
    var figures: [Figure] = []
    var notes: [String] = []
    /// The median seconds of each report through dcmc, by name.
    var medians: [String: Double] = [:]
  }

  static let period =
    Timestamp("2026-03-01T00:00:00Z")!.instant..<Timestamp("2026-04-01T00:00:00Z")!.instant
  static let reports = [
    "cases", "closure", "sla", "advisors", "escalations", "status-time", "workbins", "outcomes",
    "presence",
    "service-level",
  ]

  let dcmc: String
  let store: String
  let scratch: String
  let runs: Int
  var outputPath: String { scratch + "/output.txt" }

  func dcmcOutput(_ report: String) -> String { scratch + "/\(report).dcmc" }
  func sqliteOutput(_ report: String) -> String { scratch + "/\(report).sqlite" }

  /// `report` over March 2026 through `dcmc`, in `format`.
  func run(_ report: String, format: String) throws(BenchmarkFailure) -> ChildProcess.Outcome {
    let outcome = try ChildProcess(
      executable: dcmc,
      arguments: [
        "report", report, "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z",
        "--zone", "UTC",
        "--at", "2026-04-15T00:00:00Z", "--store", store, "--format", format, "-o",
        dcmcOutput(report),
      ], outputPath: outputPath
    ).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message:
          "dcmc report \(report) exited \(outcome.status): \(FileWriter.text(of: outputPath))")
    }
    return outcome
  }

  /// Each report in CSV and the dashboard in HTML, `runs` times each, after a first report
  /// that writes the days' rollups (`facts/YYYY/MM/DD.rollup`, or PostgreSQL's `dcmc_fact_rollups`)
  /// the generator did not, timed apart.
  /// Judged against issue 17's limits; or, given `peer` (another store's medians by report),
  /// against `factor` times the peer's median (issue 20: PostgreSQL beside the file store).
  func measureReports(within factor: Double = 1, of peer: [String: Double]? = nil) throws(BenchmarkFailure) -> Result {
    var result = Result()
    var memory = Samples()
    let first = try run("cases", format: "csv")
    let kind = peer == nil ? "dcmc" : "postgresql"
    result.notes.append(
      "the first \(kind) report (decodes each day without a rollup, writes its rollup): "
        + "\(Figure.decimal(first.wallSeconds, digits: 3)) s")
    for report in Self.reports + ["dashboard"] {
      let format = report == "dashboard" ? "html" : "csv"
      var times = Samples()
      for _ in 0..<runs {
        let outcome = try run(report, format: format)
        times.append(outcome.wallSeconds)
        memory.append(outcome.peakResidentBytes)
      }
      result.medians[report] = times.median
      let limit = peer.map { factor * ($0[report] ?? 0) } ?? (report == "dashboard" ? 3 : 1)
      result.figures.append(
        Figure(
          label: "\(kind) report \(report) (\(format))", unit: .seconds, best: times.best,
          median: times.median, judged: times.median, limit: limit))
    }
    result.figures.append(
      Figure(
        label: "\(kind) peak resident memory (worst run)", unit: .megabytes, best: memory.best,
        median: memory.median,
        judged: memory.worst, limit: Double(1 << 30)))
    return result
  }

  /// The reports whose output (of the last run) differs from `other`'s.
  func differing(from other: ReportRun) -> [String] {
    (Self.reports + ["dashboard"]).filter {
      FileWriter.text(of: dcmcOutput($0)) != FileWriter.text(of: other.dcmcOutput($0))
    }
  }

  /// SQLite's export, import and each query, `runs` times each query, with the ratio of
  /// `dcmc`'s median (`medians`) to the query's.
  func measurePeer(_ peer: SQLitePeer, dcmc medians: [String: Double]) throws -> Result {
    var result = Result()
    let exported = try peer.export(from: store)
    let loaded = try peer.load(outputPath: outputPath)
    result.figures.append(
      Figure(
        label: "export facts as CSV (in process)", unit: .seconds, best: exported.seconds,
        median: exported.seconds,
        judged: exported.seconds, limit: nil))
    result.figures.append(
      Figure(
        label: "sqlite3 import and index", unit: .seconds, best: loaded.wallSeconds,
        median: loaded.wallSeconds,
        judged: loaded.wallSeconds, limit: nil))
    result.notes.append("the CSV export holds \(exported.bytes / 1_000_000) MB")
    for query in peer.queries {
      var times = Samples()
      for _ in 0..<runs {
        times.append(try peer.run(query, outputPath: sqliteOutput(query.report)).wallSeconds)
      }
      result.figures.append(
        Figure(
          label: "sqlite3 \(query.report) query", unit: .seconds, best: times.best,
          median: times.median,
          judged: times.median, limit: nil))
      if let ours = medians[query.report], times.median > 0 {
        result.notes.append(
          "\(query.report): dcmc / sqlite3 query = \(Figure.decimal(ours / times.median, digits: 2)) (medians)"
        )
      }
    }
    return result
  }

  /// Prints whether dcmc's and SQLite's figures agree; returns whether they do.
  func compare(_ peer: SQLitePeer) -> Bool {
    var differences: [String] = []
    for check in Agreement.checks {
      differences += Agreement.differences(
        check, dcmc: FileWriter.text(of: dcmcOutput(check.report)),
        sqlite: FileWriter.text(of: sqliteOutput(check.report)))
    }
    if differences.isEmpty {
      print(
        "dcmc and sqlite3 agree on \(Agreement.checks.map(\.report).joined(separator: ", ")) (counts, medians)"
      )
    }
    for difference in differences { print("  DIFFERENT: " + difference) }
    return differences.isEmpty
  }
}
