import DCMCApplication
import DCMCServer
import Testing
import _DCMCTestSupport

/// The board's summary of a workbin and the `workbins` report's row for it are the same
/// figures, by one rule (`WorkbinFigures`): at risk and breached against the task's own OLA,
/// and the oldest task's wait since it was queued. Before 7 December 2026 the board also
/// counted the case's SLA and the report counted the oldest from the task's creation
/// (audit34 finding 5).
@Suite struct SupervisorBoardFiguresTests {
  /// The Employees row of sam's board summary and the `employees_group` row of the
  /// `workbins` report's CSV, from one store at `seconds` after Monday 09:00.
  static func figures(_ harness: SupervisorHarness, at seconds: Int) throws -> (board: [String], report: String) {
    let sam = try harness.signIn(at: seconds)
    let document = try PagesHarness.document(harness.get("/supervisor", as: sam, at: seconds))
    let summary = try #require(document.element(id: "workbins-summary"))
    let row = try #require(summary.all.filter { $0.name == "tr" }.first { $0.text.hasPrefix("Employees") })
    let query = ["report": "workbins", "zone": "Europe/Brussels"]
    let csv = harness.get("/supervisor/reports.csv", as: sam, query: query, at: seconds)
    #expect(csv.status == 200)
    let line = String(decoding: csv.body, as: UTF8.self).split(separator: "\r\n").map(String.init)
      .first { $0.hasPrefix("per-workbin,employees_group,") }
    return (row.all.filter { ["th", "td"].contains($0.name) }.map(\.text), try #require(line))
  }

  @Test func aCaseWhoseSLAIsBreachedCountsInNeitherWhileItsTasksOLAIsOnTime() throws {
    let harness = try SupervisorHarness()
    let made = try harness.technical(minutes: 1)
    // An SLA of one office hour from 09:01: breached at 11:00; the task's 12-hour OLA is not.
    _ = try harness.pages.api.store.at(120).execute(.setSLA(days: 0, seconds: 3600), onCase: made.id, by: "sam")
    let (board, report) = try Self.figures(harness, at: 7200)
    #expect(board == ["Employees", "1", "1h 59m", "0", "0"])
    #expect(report == "per-workbin,employees_group,1,0,0,0,0,7140,0,0")
    // The board still shows the case's breach on the task's row, in its own column.
    let sam = try harness.signIn(at: 7200)
    let document = try PagesHarness.document(harness.get("/supervisor", as: sam, at: 7200))
    let late = try #require(document.element(id: "late-tasks"))
    let rows = late.all.filter { $0.name == "tr" && $0["class"] == "breached" }
    #expect(rows.count == 1)
    let cells = rows.first?.all.filter { $0.name == "td" }.map(\.text) ?? []
    #expect(cells.suffix(2) == ["on time", "breached"])
  }

  @Test func aTaskBackFromBeingScheduledIsAsOldAsItsWaitSinceItsReturn() throws {
    let harness = try SupervisorHarness()
    let made = try harness.technical(minutes: 1)
    let task = try #require(made.tasks.first?.id)
    let store = harness.pages.api.store
    // Away from Monday 09:02 to Wednesday 10:00.
    let until = RepositoryUnderTest.monday.adding(seconds: 49 * 3600)
    _ = try store.at(120).execute(.reschedule(task: task, until: until), onCase: made.id, by: "sam")
    // Tuesday 14:00: past the OLA due time it had when it left, whose clock stands still.
    let away = try Self.figures(harness, at: 29 * 3600)
    #expect(away.board == ["Employees", "1", "1d 4h", "0", "0"])
    #expect(away.report == "per-workbin,employees_group,0,0,0,0,1,104340,0,0")
    _ = try store.at(49 * 3600).tick(by: nil)
    #expect(try harness.load(made.id).tasks.first?.status == .queued)
    // Wednesday 11:00: it has waited an hour since it came back.
    let back = try Self.figures(harness, at: 50 * 3600)
    #expect(back.board == ["Employees", "1", "1h 00m", "0", "0"])
    #expect(back.report == "per-workbin,employees_group,1,0,0,0,0,3600,0,0")
  }
}
