import DCMCApplication
import DCMCCalendar
import DCMCReports
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// The `sla` report counts deadlines as the engine does (audit38 MEDIUM 1 and 2): a pending
/// case whose SLA clock stands still (`pause_when_pending`) is read where its clock stopped
/// (`CaseState.slaClock`), and a deadline is reached at its due second (`Deadline`), when a
/// tick fires it. On every store (the facts are derived by one function, `ReportFact.facts`,
/// whichever keeps them). Technical cases from Monday 09:00 in Brussels: a 16-office-hour SLA due
/// Tuesday 17:00 (warning at 75%), a 12-office-hour OLA on `handle` due Tuesday 13:00.
@Suite struct SLAClockReportTests {
  static let tuesday13 = 28 * 3600
  static let tuesday17 = 32 * 3600
  /// Thursday 10:00.
  static let thursday = 3 * 86_400 + 3600

  /// The `sla` report over the week at `seconds` after Monday 09:00.
  static func report(_ store: RepositoryUnderTest, at seconds: Int) throws -> Report {
    let monday = RepositoryUnderTest.monday
    let query = try ReportQuery(
      ReportCatalog.selection(named: "sla")!, from: monday.adding(seconds: -86_400),
      to: monday.adding(seconds: 7 * 86_400), zone: .utc, types: [], targets: [],
      now: monday.adding(seconds: seconds))
    guard case .report(let report) = try query.compute(on: store.at(seconds), facts: store.reportFacts) else {
      throw UnexpectedDashboard()
    }
    return report
  }

  struct UnexpectedDashboard: Error {}

  /// The technical row's figures `met`, `late`, `open_breached`, `open_at_risk`.
  static func perType(_ report: Report) -> [ReportCell?] {
    ["met", "late", "open_breached", "open_at_risk"].map { cell(report, "per-type", "technical", $0) }
  }

  /// The technical `handle` row's figures, as `perType`.
  static func handle(_ report: Report) throws -> [ReportCell] {
    let section = try #require(report.sections.first { $0.key == "per-task" })
    let row = try #require(section.rows.first { $0.prefix(2) == [.text("technical"), .text("handle")] })
    return try ["met", "late", "open_breached", "open_at_risk"].map { key in
      row[try #require(section.columns.firstIndex { $0.key == key })]
    }
  }

  @Test(arguments: RepositoryKind.allCases)
  func aCasePendingBeforeItsDueTimeIsNeitherBreachedNorAtRiskWhileItsClockStandsStill(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let made = try store.technical()
    let paused = try store.at(3600).execute(.pend, onCase: made.id, by: "alice")
    #expect(paused.slaStandsStill)
    // Thursday: past the due time it had when it was paused, but the engine fires nothing and
    // `case show` says it is due in 15 office hours if resumed now.
    let now = RepositoryUnderTest.monday.adding(seconds: Self.thursday)
    _ = try store.at(Self.thursday).tick(by: nil)
    #expect(try store.service.load(made.id).slaBreached == false)
    let definitions = try store.service.definitions.deployed()
    let resumedDue = try #require(definitions.slaDue(of: paused, at: now))
    #expect(!Deadline.isReached(resumedDue, at: now))
    #expect(Self.perType(try Self.report(store, at: Self.thursday)) == [.count(0), .count(0), .count(0), .count(0)])
  }

  @Test(arguments: RepositoryKind.allCases)
  func aCasePendingAfterItsDueTimeStaysBreached(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let made = try store.technical()
    // Pended on Wednesday, after its due time (no tick ran): the clock had reached it, and a
    // resumption leaves it where it was (`RuntimeDefinitions.movedByPause`).
    let paused = try store.at(2 * 86_400).execute(.pend, onCase: made.id, by: "alice")
    let now = RepositoryUnderTest.monday.adding(seconds: Self.thursday)
    let definitions = try store.service.definitions.deployed()
    #expect(definitions.slaDue(of: paused, at: now) == made.slaDue)
    #expect(Self.perType(try Self.report(store, at: Self.thursday)) == [.count(0), .count(0), .count(1), .count(0)])
  }

  @Test(arguments: RepositoryKind.allCases)
  func aCaseClosedWhileItsClockStandsStillBeforeItsDueTimeIsMet(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let made = try store.technical()
    let task = made.id + ".1"
    _ = try store.at(3600).execute(.pend, onCase: made.id, by: "alice")
    _ = try store.at(Self.thursday).execute(.claim(task: task), onCase: made.id, by: "alice")
    let closed = try store.at(Self.thursday).execute(
      .complete(task: task, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
    #expect(closed.status == .closed)
    #expect(Self.perType(try Self.report(store, at: Self.thursday)) == [.count(1), .count(0), .count(0), .count(0)])
  }

  @Test(arguments: RepositoryKind.allCases)
  func aTaskAtItsDueSecondIsBreachedAndItsBreachEscalationIsLate(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    _ = try store.technical()
    // At the due second, before the tick: breached, as the tick at that second finds it.
    #expect(try Self.handle(try Self.report(store, at: Self.tuesday13)) == [.count(0), .count(0), .count(1), .count(0)])
    let ticked = try store.at(Self.tuesday13).tick(by: nil)
    #expect(ticked.first?.tasks.first?.status == .escalated)
    #expect(
      try Self.handle(try Self.report(store, at: Self.tuesday13 + 3600)) == [.count(0), .count(1), .count(0), .count(0)])
  }

  @Test(arguments: RepositoryKind.allCases)
  func aCaseClosedAtItsDueSecondIsLate(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let made = try store.technical()
    let task = made.id + ".1"
    _ = try store.at(60).execute(.claim(task: task), onCase: made.id, by: "alice")
    #expect(Self.perType(try Self.report(store, at: Self.tuesday17)) == [.count(0), .count(0), .count(1), .count(0)])
    _ = try store.at(Self.tuesday17).execute(
      .complete(task: task, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
    #expect(Self.perType(try Self.report(store, at: Self.tuesday17)) == [.count(0), .count(1), .count(0), .count(0)])
  }
}
