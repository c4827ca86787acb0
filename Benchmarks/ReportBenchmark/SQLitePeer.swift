import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCStore

/// The peer the issue asks for: SQLite (`sqlite3` from Debian) over the same facts, exported
/// with `ReportFacts.exportCSV`, imported into one indexed table, and the reports' figures
/// computed in SQL, each query a `sqlite3` process as each report is a `dcmc` process.
struct SQLitePeer {
  /// One report's figures in SQL: rows of `key,figure,...` as `sqlite3 -csv` prints them.
  struct Query {
    var report: String
    var sql: String
  }

  let sqlite: String
  let scratch: String
  let period: Range<Instant>
  var csvPath: String { scratch + "/facts.csv" }
  var databasePath: String { scratch + "/facts.db" }

  /// Writes the period's facts as CSV with `exportCSV`; returns the seconds it took and the
  /// bytes written.
  func export(from store: String) throws -> (seconds: Double, bytes: Int) {
    let clock = ContinuousClock()
    let began = clock.now
    let repository = try FileCaseRepository.open(at: store)
    var buffer: [UInt8] = []
    var total = 0
    try FileWriter.replace(csvPath, with: [])
    var failure: BenchmarkFailure?
    try repository.exportCSV(in: period) { line in
      buffer += line
      guard buffer.count > 1 << 22, failure == nil else { return }
      do throws(BenchmarkFailure) { try FileWriter.append(buffer, to: csvPath) } catch {
        failure = error
      }
      total += buffer.count
      buffer.removeAll(keepingCapacity: true)
    }
    if let failure { throw failure }
    try FileWriter.append(buffer, to: csvPath)
    total += buffer.count
    return ((clock.now - began).seconds, total)
  }

  /// Creates the table, imports the CSV and indexes it, in one `sqlite3` process.
  func load(outputPath: String) throws(BenchmarkFailure) -> ChildProcess.Outcome {
    let script = """
      PRAGMA journal_mode = OFF;
      PRAGMA synchronous = OFF;
      CREATE TABLE facts(kind TEXT, at INTEGER, subject TEXT, seq INTEGER, type TEXT, task INTEGER,
        definition TEXT, target TEXT, user TEXT, state TEXT, reason TEXT, since INTEGER, due INTEGER, met INTEGER);
      .import --csv --skip 1 \(csvPath) facts
      CREATE INDEX facts_kind_at ON facts(kind, at);
      """
    try FileWriter.replace(scratch + "/load.sql", with: Array(script.utf8))
    let outcome = try ChildProcess(
      executable: sqlite, arguments: [databasePath, ".read " + scratch + "/load.sql"],
      outputPath: outputPath
    ).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message: "sqlite3 could not import the facts (exit \(outcome.status)); see \(outputPath)")
    }
    return outcome
  }

  /// Runs `query` once; its output goes to `outputPath`.
  func run(_ query: Query, outputPath: String) throws(BenchmarkFailure) -> ChildProcess.Outcome {
    let outcome = try ChildProcess(
      executable: sqlite, arguments: ["-readonly", "-csv", databasePath, query.sql],
      outputPath: outputPath
    ).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message: "sqlite3 failed on the \(query.report) query (exit \(outcome.status))")
    }
    return outcome
  }

  /// The SQL of each report's period figures (the "now" figures are not facts).
  var queries: [Query] {
    let (from, to) = (period.lowerBound.secondsSinceEpoch, period.upperBound.secondsSinceEpoch)
    let within = "at >= \(from) AND at < \(to)"
    return [
      Query(
        report: "cases",
        sql: """
          SELECT type, SUM(kind = 'opened'), SUM(kind = 'closed'), SUM(kind = 'cancelled'),
            COUNT(DISTINCT CASE WHEN kind = 'escalated' THEN subject END)
          FROM facts WHERE kind IN ('opened', 'closed', 'cancelled', 'escalated') AND \(within)
          GROUP BY type ORDER BY type;
          """),
      Query(
        report: "closure",
        sql: """
          WITH c AS (SELECT type, at - since AS s, ROW_NUMBER() OVER (PARTITION BY type ORDER BY at - since) AS r,
            COUNT(*) OVER (PARTITION BY type) AS n FROM facts WHERE kind = 'closed' AND \(within))
          SELECT type, MAX(n), MAX(CASE WHEN r = (50 * n + 99) / 100 THEN s END),
            MAX(CASE WHEN r = (90 * n + 99) / 100 THEN s END), MAX(s)
          FROM c GROUP BY type ORDER BY type;
          """),
      Query(
        report: "sla",
        sql: """
          SELECT type, SUM(met = 1), SUM(met = 0) FROM facts WHERE kind = 'closed' AND \(within)
          GROUP BY type ORDER BY type;
          """),
      Query(
        report: "advisors",
        sql: """
          SELECT user, SUM(kind = 'task_ended' AND state = 'completed'), SUM(kind = 'closed'),
            SUM(kind = 'escalated')
          FROM facts WHERE kind IN ('task_ended', 'closed', 'escalated') AND user <> '' AND \(within)
          GROUP BY user ORDER BY user;
          """),
      Query(
        report: "status-time",
        sql: """
          SELECT type, state, COUNT(*), SUM(at - since) FROM facts WHERE kind = 'case_status' AND \(within)
          GROUP BY type, state ORDER BY type, state;
          """),
      Query(
        report: "outcomes",
        sql: """
          SELECT type, definition, reason, COUNT(*) FROM facts WHERE kind = 'task_ended' AND \(within)
          GROUP BY type, definition, reason ORDER BY type, definition, reason;
          """),
      Query(
        report: "service-level",
        sql: """
          SELECT target, COUNT(*), SUM(at - since <= CASE target WHEN 'employees_group' THEN 1800 ELSE 120 END)
          FROM facts WHERE kind = 'taken' AND target IN ('employees_group', 'finances_group') AND \(within)
          GROUP BY target ORDER BY target;
          """),
    ]
  }
}
