import DCMCApplication
import DCMCCalendar
import DCMCReports
import Testing
import _DCMCTestSupport

/// The port's facts rolled up an hour at a time instead of a day: many more tasks then have
/// handling that crosses a rollup's bounds (`FactsRollup.tasks`).
struct HourlyRollups: ReportFacts {
  let base: any ReportFacts

  func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    try base.facts(in: period, visit)
  }

  func rollups(in period: Range<Instant>, _ visit: (FactsRollup) -> Void) throws(RepositoryError) {
    var facts: [ReportFact] = []
    try base.facts(in: period) { facts.append($0) }
    var start = period.lowerBound
    while start < period.upperBound {
      let end = min(period.upperBound, start.adding(seconds: 3600))
      visit(FactsRollup(from: start, facts: facts.filter { (start..<end).contains($0.at) }))
      start = end
    }
  }
}

/// Reports count rollups, not facts: whatever stretches the facts are rolled up over (days as
/// the stores keep them, or hours), every figure is the same, with and without filters.
@Suite struct ReportRollupTests {
  /// More work on `cases` after `ReportOracleTests.fill`: tasks opened, released, moved to
  /// another workbin and completed hours apart, so a task's handling has several stays, in
  /// several workbins, that end in different rollups. The last instant, in seconds.
  static func handle(
    _ store: RepositoryUnderTest, _ generator: inout SeededGenerator, cases: [String], after start: Int, steps: Int
  ) throws -> Int {
    let workbins = try store.service.definitions.deployed().bundle.workgroups.map(\.id).sorted()
    let advisors = ReportOracleTests.employees + ReportOracleTests.experts
    var time = start
    for _ in 0..<steps {
      time += generator.below(3 * 3600)
      let service = store.at(time)
      let active = cases.compactMap { try? service.load($0) }.flatMap { state in
        state.activeTasks.map { (state.id, $0) }
      }
      guard !active.isEmpty else { continue }
      let (id, task) = active[generator.below(active.count)]
      let by = task.assignee ?? advisors[generator.below(advisors.count)]
      switch generator.below(6) {
      case 0: _ = try? service.claimNext(by: advisors[generator.below(advisors.count)])
      case 1: _ = try? service.execute(.open(task: task.id), onCase: id, by: by)
      case 2: _ = try? service.execute(.release(task: task.id), onCase: id, by: by)
      case 3:
        let target = workbins[generator.below(workbins.count)]
        _ = try? service.execute(.reassign(task: task.id, target: target), onCase: id, by: "sam")
      default:
        let choices = ReportOracleTests.outcomes[task.definition] ?? ["resolved"]
        _ = try? service.execute(
          .complete(task: task.id, outcome: choices[generator.below(choices.count)], data: [:]), onCase: id, by: by)
      }
    }
    return time
  }

  @Test(arguments: 0..<6 as Range<UInt64>)
  func theFiguresDoNotDependOnTheRollupsBounds(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed &* 104_729 &+ 3)
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let (cases, filled) = ReportOracleTests.fill(store, &generator, steps: 120 + generator.below(60))
    let end = try Self.handle(store, &generator, cases: cases, after: filled, steps: 200)
    let monday = RepositoryUnderTest.monday
    let from = monday.adding(seconds: generator.below(max(1, end / 3)))
    let to = monday.adding(seconds: end + 1)
    let now = monday.adding(seconds: end + 3600)
    let definitions = try store.service.definitions.deployed()
    let workbins = definitions.bundle.workgroups.map(\.id).sorted()
    for targets in [nil, Set([workbins[generator.below(workbins.count)]])] {
      let scope = ReportScope(
        period: ReportPeriod(from: from, to: to, zone: .utc), targets: targets, now: now, definitions: definitions)
      let selection = try #require(ReportCatalog.selection(named: ReportCatalog.dashboard))
      let standing = try ReportNow(store.queries, scope: scope)
      let daily = try ReportCatalog.compute(selection, scope: scope, facts: store.reportFacts, now: standing)
      let hourly = try ReportCatalog.compute(
        selection, scope: scope, facts: HourlyRollups(base: store.reportFacts), now: standing)
      let dailyJSON = String(decoding: ReportOutput.bytes(daily, .json), as: UTF8.self)
      let hourlyJSON = String(decoding: ReportOutput.bytes(hourly, .json), as: UTF8.self)
      #expect(dailyJSON == hourlyJSON, "seed \(seed), workbins \(targets ?? [])")
      #expect(dailyJSON.contains("handle_median"))
    }
  }
}
