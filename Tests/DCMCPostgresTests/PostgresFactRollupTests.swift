import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc_fact_rollups`: a report reads a whole day's row while the day still has the facts it
/// counts, and rolls the day up and writes the row otherwise; `store verify` names a row that
/// is damaged or disagrees with its day's facts, `store rebuild` deletes the rows, and two
/// reports writing the same days at once both succeed with the same figures.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresFactRollupTests {
  /// The port's facts alone: rollups made from them day by day (the default `rollups(in:)`).
  struct FactsOnly: ReportFacts {
    let base: any ReportFacts

    func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
      try base.facts(in: period, visit)
    }
  }

  /// From Sunday 1 March 2026 to the Monday after, a day and a half cut at each end.
  static let week =
    RepositoryUnderTest.monday.adding(seconds: -86_400)..<RepositoryUnderTest.monday.adding(seconds: 7 * 86_400)

  static func rollups(_ facts: any ReportFacts) throws -> [FactsRollup] {
    var found: [FactsRollup] = []
    try facts.rollups(in: week) { found.append($0) }
    return found
  }

  /// A store with cases created and claimed over three days: Monday to Wednesday.
  static func filled() throws -> (store: RepositoryUnderTest, repository: PostgresCaseRepository) {
    let store = try RepositoryKind.postgres.make()
    for (day, user) in ["alice", "bob", "carol"].enumerated() {
      let made = try store.technical(day * 86_400)
      _ = try store.at(day * 86_400 + 60).execute(.claim(task: made.id + ".1"), onCase: made.id, by: user)
    }
    return (store, try #require(store.repository as? PostgresCaseRepository))
  }

  /// The rows, by day: the facts counted and the rollup decoded (`nil` when it is not one).
  static func rows(_ store: RepositoryUnderTest) throws -> [Int: (facts: Int, rollup: FactsRollup?)] {
    let rows = try PostgresConnection(url: try #require(store.databaseURL)).query(
      "SELECT day, facts, rollup FROM dcmc_fact_rollups ORDER BY day")
    var found: [Int: (facts: Int, rollup: FactsRollup?)] = [:]
    for row in rows.rows.indices {
      found[try #require(rows.int(row, 0))] = (
        try #require(rows.int(row, 1)), rows.bytes(row, 2).flatMap { FactsRollup(encoded: $0) }
      )
    }
    return found
  }

  static func setRow(_ store: RepositoryUnderTest, day: Int, to bytes: [UInt8]) throws {
    let updated = try PostgresConnection(url: try #require(store.databaseURL)).query(
      "UPDATE dcmc_fact_rollups SET rollup = $2 WHERE day = $1", [.int(day), .bytes(bytes)])
    #expect(updated.affected == 1)
  }

  /// `rollup` with 100 more `opened` facts: a row made to disagree with its day, whatever is added.
  static func miscounted(_ rollup: FactsRollup) throws -> FactsRollup {
    var changed = rollup
    let group = try #require(changed.groups.first { $0.key.kind == .opened }?.key)
    changed.groups[group]?.count += 100
    return changed
  }

  static let monday = ReportFact.day(of: RepositoryUnderTest.monday)

  @Test func aReportKeepsTheRollupOfEachWholeDayAndReadsItThen() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let truth = try Self.rollups(FactsOnly(base: repository))
    #expect(truth.count == 9 && truth.filter { !$0.groups.isEmpty }.count == 3)
    #expect(try Self.rows(store).isEmpty)
    #expect(try Self.rollups(repository) == truth)
    // The whole days with facts have a row, each counting all the day's facts.
    let rows = try Self.rows(store)
    #expect(rows.keys.sorted() == [Self.monday, Self.monday + 1, Self.monday + 2])
    #expect(rows.values.allSatisfy { $0.rollup != nil && $0.facts > 0 })
    #expect(try Self.rollups(repository) == truth)
    #expect(try repository.verify().problems == [])
    // A row that still counts its day's facts is what is read: one made to disagree is counted.
    let kept = try #require(rows[Self.monday]?.rollup)
    try Self.setRow(store, day: Self.monday, to: try Self.miscounted(kept).encoded)
    #expect(try Self.rollups(repository) != truth)
  }

  /// The rows are counted as they arrive, in day order with the days around them: a day cut
  /// by the period before them, a day whose row does not decode or is missing between two that
  /// hold (read from its facts once the rows have come), the days after them. The figures and
  /// their order are the facts' every time.
  @Test func daysWithoutARowThatHoldsAmongTheRowsKeepTheirPlace() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let truth = try Self.rollups(FactsOnly(base: repository))
    #expect(try Self.rollups(repository) == truth)
    #expect(try Self.rows(store).count == 3)
    #expect(try Self.rollups(repository) == truth)
    try Self.setRow(store, day: Self.monday, to: [1, 2, 3])
    #expect(try Self.rollups(repository) == truth)
    try PostgresConnection(url: try #require(store.databaseURL)).query(
      "DELETE FROM dcmc_fact_rollups WHERE day = $1", [.int(Self.monday + 1)])
    #expect(try Self.rollups(repository) == truth)
    // A missing row makes the report write rows: that day's, and the one that did not decode.
    #expect(try Self.rows(store).values.allSatisfy { $0.rollup != nil })
    #expect(try Self.rows(store).count == 3)
    #expect(try Self.rollups(repository) == truth)
  }

  /// The report's backend terminated while it counts the rows (`pg_terminate_backend` from
  /// another connection, of the backend whose query reads the rollups; the pool's idle
  /// connections, such as the one a claim's lock used, are left alone): the report fails with
  /// the store unavailable, rather than answering with the days counted before; the next
  /// report, on another connection, counts them all.
  @Test func aBackendTerminatedWhileTheRowsAreCountedFailsTheReport() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let truth = try Self.rollups(FactsOnly(base: repository))
    _ = try Self.rollups(repository)
    let other = try PostgresConnection(url: try #require(store.databaseURL))
    var counted = 0
    let error = try #require(throws: RepositoryError.self) {
      try repository.rollups(in: Self.week) { _ in
        counted += 1
        // The day cut by the period comes first, from its facts; then the rows.
        guard counted == 2 else { return }
        _ = try? other.query(
          """
          SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%dcmc_fact_rollups%'
          """)
      }
    }
    guard case .unavailable = error else {
      Issue.record("\(error)")
      return
    }
    #expect(try Self.rollups(repository) == truth)
  }

  @Test func aRowLeftBehindByLaterFactsIsNotUsed() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    _ = try Self.rollups(repository)
    let kept = try #require(try Self.rows(store)[Self.monday + 1])
    // A row that would be read wrong if it were read, then a later fact that day.
    try Self.setRow(store, day: Self.monday + 1, to: try Self.miscounted(try #require(kept.rollup)).encoded)
    _ = try store.technical(86_400 + 3600)
    let grown = try Self.rollups(FactsOnly(base: repository))
    #expect(try repository.verify().problems == [], "a stale row is no problem")
    #expect(try Self.rollups(repository) == grown)
    // The report wrote the day's row again, counting the new fact.
    let written = try #require(try Self.rows(store)[Self.monday + 1])
    #expect(written.facts > kept.facts && written.rollup != nil)
    #expect(try Self.rollups(repository) == grown)
  }

  @Test func verifyNamesADamagedRowAndRebuildDeletesTheRows() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let truth = try Self.rollups(FactsOnly(base: repository))
    _ = try Self.rollups(repository)
    let rows = try Self.rows(store)
    try Self.setRow(store, day: Self.monday, to: [1, 2, 3])
    try Self.setRow(store, day: Self.monday + 2, to: try Self.miscounted(try #require(rows[Self.monday + 2]?.rollup)).encoded)
    #expect(try repository.verify().problems == [
      "rollup of 2026-03-02 in 'dcmc_fact_rollups' is not a rollup (reports roll the day up again): store rebuild deletes it",
      "rollup of 2026-03-04 in 'dcmc_fact_rollups' differs from the rollup of the day's facts (reports would count other figures): store rebuild deletes it",
    ])
    // A row counting other than its day's facts is damage too.
    try PostgresConnection(url: try #require(store.databaseURL)).query(
      "UPDATE dcmc_fact_rollups SET facts = facts + 1 WHERE day = $1", [.int(Self.monday + 1)])
    #expect(try repository.verify().problems.count == 3)
    let rebuilt = try repository.rebuild()
    #expect(rebuilt.repaired == ["the rollups of 3 days (deleted)"])
    #expect(try Self.rows(store).isEmpty)
    #expect(try repository.verify().problems == [])
    #expect(try Self.rollups(repository) == truth)
    #expect(try Self.rows(store).count == 3)
  }

  /// audit36 L8: a fact changed in place leaves the day's counts equal, which said nothing
  /// (`'dcmc_facts' holds 6, the histories give 6`, before 7 December 2026): the line says how
  /// many of the histories' facts are missing and how many no history gives, with the first of
  /// each. A rebuild writes the day again.
  @Test func aFactChangedInPlaceIsNamedBesidesTheCounts() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let connection = try PostgresConnection(url: try #require(store.databaseURL))
    let day = [.int(Self.monday)] as [PostgresValue?]
    let facts = try #require(try connection.query("SELECT count(*) FROM dcmc_facts WHERE day = $1", day).int(0, 0))
    let original = try #require(
      try connection.query("SELECT min(line) FROM dcmc_facts WHERE day = $1 AND line LIKE '%alice%'", day).string(0, 0))
    let changed = original.replacingOccurrences(of: "alice", with: "mallory")
    let updated = try connection.query(
      "UPDATE dcmc_facts SET line = $2 WHERE day = $1 AND line = $3", day + [.string(changed), .string(original)])
    #expect(updated.affected == 1)
    let check = try repository.verify()
    #expect(
      check.problems == [
        "facts of 2026-03-02: 'dcmc_facts' holds \(facts), the histories give \(facts): 1 of theirs is missing "
          + "(the first: '\(original)'), and 1 no history gives (the first: '\(changed)')"
      ])
    #expect(check.unmended.isEmpty)
    #expect(try repository.rebuild().repaired == ["the facts of 1 day"])
    #expect(try repository.verify().problems == [])
  }

  @Test func twoReportsWritingTheSameDaysAtOnceBothSucceed() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let truth = try Self.rollups(FactsOnly(base: repository))
    let url = try #require(store.databaseURL)
    let results = Results()
    for _ in 0..<5 {
      try PostgresConnection(url: url).query("DELETE FROM dcmc_fact_rollups")
      DispatchQueue.concurrentPerform(iterations: 2) { _ in
        do {
          results.add(try Self.rollups(repository) == truth ? "same" : "other figures")
        } catch {
          results.add("\(error)")
        }
      }
      #expect(try Self.rows(store).count == 3)
      #expect(try repository.verify().problems == [])
    }
    #expect(results.values == Array(repeating: "same", count: 10))
  }

  /// Facts committed out of their numbers' order: a writer takes the lower number and commits
  /// after another took a higher one and committed. A report meanwhile takes its horizon under
  /// `LOCK TABLE dcmc_facts IN SHARE MODE`, which waits for the first writer: the day's row it
  /// writes counts the late fact (without the wait, the horizon would be the higher number,
  /// the late fact below it, and the row, missing it, would be read as holding).
  @Test func aReportWhileAFactWithALowerNumberIsUncommittedWaitsForIt() throws {
    let (store, repository) = try Self.filled()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let copy = """
      INSERT INTO dcmc_facts (day, at, kind, subject, seq, line)
      SELECT day, at, kind, subject, seq, line FROM dcmc_facts WHERE day = $1 ORDER BY number LIMIT 1
      RETURNING number
      """
    let early = try PostgresConnection(url: url)
    let late = try PostgresConnection(url: url)
    try early.query("BEGIN")
    let lower = try #require(try early.query(copy, [.int(Self.monday)]).int(0, 0))
    try late.query("BEGIN")
    let higher = try #require(try late.query(copy, [.int(Self.monday)]).int(0, 0))
    try late.query("COMMIT")
    #expect(lower < higher)
    // The report, on a thread of its own, until it waits for the uncommitted fact's writer.
    let reported = Results()
    let report = DispatchGroup()
    DispatchQueue.global().async(group: report) {
      do {
        _ = try Self.rollups(repository)
        reported.add("done")
      } catch {
        reported.add("\(error)")
      }
    }
    let observer = try PostgresConnection(url: url)
    let waiting = """
      SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE d.datname = current_database() AND l.relation = 'dcmc_facts'::regclass AND NOT l.granted
      """
    let deadline = ContinuousClock.now + .seconds(60)
    while try observer.query(waiting).int(0, 0) != 1, ContinuousClock.now < deadline, reported.values.isEmpty {
      sched_yield()
    }
    #expect(reported.values.isEmpty, "the report did not wait for the uncommitted fact")
    try early.query("COMMIT")
    report.wait()
    #expect(reported.values == ["done"])
    // The row written counts every fact of the day, the late one included, and holds.
    let facts = try #require(
      try observer.query("SELECT count(*) FROM dcmc_facts WHERE day = $1", [.int(Self.monday)]).int(0, 0))
    #expect(try Self.rows(store)[Self.monday]?.facts == facts)
    // The copies are facts no history gives, which verify names; no rollup is named.
    let problems = try repository.verify().problems
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasPrefix(
        "facts of 2026-03-02: 'dcmc_facts' holds \(facts), the histories give \(facts - 2): 2 no history gives (the first: '")
        == true, "\(problems)")
    #expect(try Self.rollups(repository) == Self.rollups(FactsOnly(base: repository)))
  }
}
