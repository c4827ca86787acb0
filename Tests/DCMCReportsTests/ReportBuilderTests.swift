import DCMCApplication
import DCMCCalendar
import DCMCReports
import Testing

/// Facts handed out from an array, as the port would: the period's, in order.
struct FactList: ReportFacts {
  var facts: [ReportFact]

  func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    for fact in facts where period.contains(fact.at) { visit(fact) }
  }
}

/// A report's cell by section key, row label (first column) and column key.
func cell(_ report: Report, _ section: String, _ row: String, _ column: String) -> ReportCell? {
  guard let section = report.sections.first(where: { $0.key == section }),
    let index = section.columns.firstIndex(where: { $0.key == column }),
    let found = section.rows.first(where: { $0.first == .text(row) })
  else { return nil }
  return found[index]
}

/// The report builders on hand-made facts, with no deployment (so no business time) and
/// nothing open now unless a test says so.
@Suite struct ReportBuilderTests {
  struct UnexpectedResult: Error { var name: String }

  static func at(_ hours: Int) -> Instant { Instant(secondsSinceEpoch: 1_772_323_200 + hours * 3600) }  // 2026-03-01
  static let march = ReportPeriod(from: at(0), to: at(31 * 24), zone: .utc)

  static func run(_ name: String, _ facts: [ReportFact], types: Set<String>? = nil, targets: Set<String>? = nil)
    throws -> Report
  {
    let scope = ReportScope(period: march, types: types, targets: targets, now: at(31 * 24), definitions: nil)
    let selection = try #require(ReportCatalog.selection(named: name))
    let computed = try ReportCatalog.compute(
      selection, scope: scope, facts: FactList(facts: facts), now: ReportNow(openCases: [], activeTasks: []))
    guard case .report(let report) = computed else { throw UnexpectedResult(name: name) }
    return report
  }

  static func closed(_ id: String, _ type: String, opened: Int, closed: Int, met: Bool?, by user: String = "ana")
    -> ReportFact
  {
    ReportFact(
      .closed, at: at(closed), subject: id, seq: 9, type: type, user: user, state: "resolved", since: at(opened),
      due: met.map { at(closed + ($0 ? 1 : -1)) }, met: met)
  }

  @Test func casesCountsFlowsInThePeriodOnly() throws {
    let facts = [
      ReportFact(.opened, at: Self.at(-1), subject: "C-0", seq: 1, type: "claims"),
      ReportFact(.opened, at: Self.at(1), subject: "C-1", seq: 1, type: "claims"),
      ReportFact(.opened, at: Self.at(2), subject: "C-2", seq: 1, type: "claims"),
      Self.closed("C-1", "claims", opened: 1, closed: 5, met: true),
      ReportFact(.cancelled, at: Self.at(6), subject: "C-2", seq: 4, type: "claims"),
      ReportFact(.escalated, at: Self.at(3), subject: "C-1", seq: 3, type: "claims", task: 1, user: "ana"),
      ReportFact(.escalated, at: Self.at(4), subject: "C-1", seq: 4, type: "claims", task: 2),
      ReportFact(.opened, at: Self.at(31 * 24), subject: "C-9", seq: 1, type: "claims"),
    ]
    let report = try Self.run("cases", facts)
    #expect(cell(report, "per-type", "claims", "opened") == .count(2))
    #expect(cell(report, "per-type", "claims", "closed") == .count(1))
    #expect(cell(report, "per-type", "claims", "cancelled") == .count(1))
    #expect(cell(report, "per-type", "claims", "escalated") == .count(1))
    #expect(cell(report, "resolutions", "claims", "closed") == .count(1))
  }

  @Test func typeFilterLeavesOtherTypesOutAndListsAskedTypesAtZero() throws {
    let facts = [ReportFact(.opened, at: Self.at(1), subject: "C-1", seq: 1, type: "claims")]
    let report = try Self.run("cases", facts, types: ["disputes"])
    #expect(cell(report, "per-type", "claims", "opened") == nil)
    #expect(cell(report, "per-type", "disputes", "opened") == .count(0))
  }

  @Test func closureGivesExactNearestRankFiguresOfClosedCasesOnly() throws {
    let facts = [1, 2, 3, 10].enumerated().map { index, hours in
      Self.closed("C-\(index)", "claims", opened: 0, closed: hours, met: nil)
    } + [ReportFact(.cancelled, at: Self.at(50), subject: "C-9", seq: 2, type: "claims", since: Self.at(0))]
    let report = try Self.run("closure", facts)
    #expect(cell(report, "per-type", "claims", "closed") == .count(4))
    #expect(cell(report, "per-type", "claims", "median_wall") == .duration(seconds: 2 * 3600))
    #expect(cell(report, "per-type", "claims", "p90_wall") == .duration(seconds: 10 * 3600))
    #expect(cell(report, "per-type", "claims", "mean_wall") == .duration(seconds: 4 * 3600))
    #expect(cell(report, "per-type", "claims", "max_wall") == .duration(seconds: 10 * 3600))
    #expect(cell(report, "per-type", "claims", "median_business") == .empty)
    let bins = report.sections[1].rows.map { $0[2] }
    #expect(bins.reduce(Int64(0)) { total, cell in if case .count(let n) = cell { total + n } else { total } } == 4)
  }

  @Test func slaCountsMetAndLateAndLeavesCasesWithoutSLAOut() throws {
    let facts = [
      Self.closed("C-1", "claims", opened: 0, closed: 5, met: true),
      Self.closed("C-2", "claims", opened: 0, closed: 6, met: true),
      Self.closed("C-3", "claims", opened: 0, closed: 7, met: false),
      Self.closed("C-4", "claims", opened: 0, closed: 8, met: nil),
      ReportFact(
        .taskEnded, at: Self.at(3), subject: "C-1", seq: 3, type: "claims", task: 1, definition: "assess",
        target: "desk", state: "completed", met: false),
    ]
    let report = try Self.run("sla", facts)
    #expect(cell(report, "per-type", "claims", "met") == .count(2))
    #expect(cell(report, "per-type", "claims", "late") == .count(1))
    #expect(cell(report, "per-type", "claims", "met_percent") == .percentage(numerator: 2, denominator: 3))
    let task = report.sections[1].rows.first
    #expect(task?[1] == .text("assess") && task?[3] == .count(1))
    #expect(try Self.run("sla", facts, targets: ["other"]).sections[1].rows.isEmpty)
  }
}
