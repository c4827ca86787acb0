import DCMCApplication
import DCMCCalendar
import DCMCReports
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// The service level's wait starts when a task is queued, not when it was created: a task put
/// aside (`task reschedule`) starts waiting again at its return (docs/reports.md).
@Suite struct ServiceLevelWaitTests {
  @Test(arguments: RepositoryKind.allCases)
  func aTaskTakenSoonAfterItsReturnFromBeingScheduledIsAnsweredInTime(_ kind: RepositoryKind) throws
  {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = try #require(created.activeTasks.first)
    let back = RepositoryUnderTest.monday.adding(seconds: 2 * 3600)
    _ = try store.at(60).execute(
      .reschedule(task: task.id, until: back), onCase: created.id, by: "sam")
    _ = try store.at(2 * 3600).tick(by: nil)
    #expect(try store.service.load(created.id).task(task.id)?.status == .queued)
    // Taken 10 minutes after its return, 2 h 10 min after its creation; employees_group
    // answers within 30 minutes.
    let taken = try store.at(2 * 3600 + 600).claimNext(by: "bob")
    #expect(taken.task.id == task.id)
    let monday = RepositoryUnderTest.monday
    let scope = ReportScope(
      period: ReportPeriod(from: monday, to: monday.adding(seconds: 86_400), zone: .utc),
      now: monday,
      definitions: try store.service.definitions.deployed())
    let computed = try ReportCatalog.compute(
      try #require(ReportCatalog.selection(named: "service-level")), scope: scope,
      facts: store.reportFacts,
      now: ReportNow(openCases: [], activeTasks: []))
    guard case .report(let report) = computed else {
      throw ReportBuilderTests.UnexpectedResult(name: "service-level")
    }
    let row = try #require(report.sections[0].rows.first { $0.first == .text("employees_group") })
    #expect(row[4] == .count(1), "taken")
    #expect(row[5] == .count(1), "in time: 10 minutes after it was queued again")
  }
}
