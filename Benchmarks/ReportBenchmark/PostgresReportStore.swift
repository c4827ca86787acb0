import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCStore

/// The same reports on a PostgreSQL store (issue 20: each report within 2x of the file store's
/// time): the database `url` names, initialised and deployed with `dcmc`, then given the file
/// store's facts (every fact of 2026, in the order written), in transactions of `batch` facts
/// (`PostgresCaseRepository.insertFactsWithoutHistories`), and nothing else, as the file store
/// holds nothing else.
struct PostgresReportStore {
  let dcmc: String
  let url: String
  /// Where the children's output goes.
  let outputPath: String
  static let batch = 20_000
  static let year =
    Timestamp("2026-01-01T00:00:00Z")!.instant..<Timestamp("2027-01-01T00:00:00Z")!.instant

  /// Fills the database from the file store at `store`; prints what it wrote and how long it took.
  ///
  /// A database that already holds the store's facts (a run before on the same server, the
  /// same `--store`: as many facts in 2026 as the store has) is reused as it is, rollups and
  /// all, after `dcmc store init` (which upgrades its schema to the measured dcmc's), so a
  /// store of 1,000,000 cases is copied once for several runs. A database holding other facts
  /// is refused: the copy would add to them. Every output is still compared with the file
  /// store's.
  func prepare(from store: String) throws {
    let clock = ContinuousClock()
    let began = clock.now
    try run(["store", "init"])
    let source = try FileCaseRepository.open(at: store)
    let held = try factsHeld()
    if held > 0 {
      var facts = 0
      try source.facts(in: Self.year) { _ in facts += 1 }
      guard held == facts else {
        throw BenchmarkFailure(
          message: "\(url) holds \(held) facts, the store \(facts): give an empty database, or the one a run filled from this store")
      }
      print("reusing \(url): it holds the store's \(facts) facts (counted in \(Figure.decimal((clock.now - began).seconds, digits: 1)) s)")
      return
    }
    try run(["deploy", "definitions", "--at", "2026-02-27T12:00:00Z"])
    let target = try PostgresCaseRepository.open(url: url)
    var pending: [ReportFact] = []
    pending.reserveCapacity(Self.batch)
    var written = 0
    var failure: RepositoryError?
    try source.facts(in: Self.year) { fact in
      guard failure == nil else { return }
      pending.append(fact)
      guard pending.count == Self.batch else { return }
      do throws(RepositoryError) { try target.insertFactsWithoutHistories(pending) } catch { failure = error }
      written += pending.count
      pending.removeAll(keepingCapacity: true)
    }
    if let failure { throw failure }
    try target.insertFactsWithoutHistories(pending)
    written += pending.count
    print(
      "copied \(written) facts to \(url) in \(Figure.decimal((clock.now - began).seconds, digits: 1)) s")
  }

  /// Runs `dcmc ARGUMENTS --store URL`; throws what it said unless it succeeded.
  private func run(_ arguments: [String]) throws {
    let outcome = try ChildProcess(executable: dcmc, arguments: arguments + ["--store", url], outputPath: outputPath).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message: "dcmc \(arguments.joined(separator: " ")) on \(url) exited \(outcome.status): "
          + FileWriter.text(of: outputPath))
    }
  }

  /// The facts of 2026 the database holds (its schema made by `dcmc store init`).
  private func factsHeld() throws -> Int {
    let connection = try PostgresConnection(url: url)
    return try connection.query(
      "SELECT count(*) FROM dcmc_facts WHERE at >= $1 AND at < $2",
      [.int(Self.year.lowerBound.secondsSinceEpoch), .int(Self.year.upperBound.secondsSinceEpoch)]
    ).int(0, 0) ?? 0
  }
}
