import DCMCApplication
import DCMCServer
import Testing
import _DCMCTestSupport

/// The board's "At risk or breached" list reads deadlines as the engine does (audit38 MEDIUM 1
/// and 2, one rule with the `sla` report: `Standing`): a pending case whose SLA clock stands
/// still is not breached while it waits, and a task is breached at its OLA's due second.
@Suite struct SupervisorBoardDeadlineTests {
  /// The OLA and SLA cells of the task's row in sam's late list at `seconds`.
  static func standing(_ harness: SupervisorHarness, at seconds: Int) throws -> [String] {
    let sam = try harness.signIn(at: seconds)
    let document = try PagesHarness.document(harness.get("/supervisor", as: sam, at: seconds))
    let late = try #require(document.element(id: "late-tasks"))
    let rows = late.all.filter { $0.name == "tr" && $0.all.contains { $0.name == "td" } }
    #expect(rows.count == 1)
    return Array((rows.first?.all.filter { $0.name == "td" }.map(\.text) ?? []).suffix(2))
  }

  @Test func aPendingCaseWhoseClockStandsStillIsNotMarkedSLABreached() throws {
    let harness = try SupervisorHarness()
    let made = try harness.technical(minutes: 1)
    _ = try harness.pages.api.store.at(3600).execute(.pend, onCase: made.id, by: "alice")
    // Thursday 10:00: past the SLA due time the case had when it was paused (Tuesday 17:01),
    // and past its task's own OLA, whose clock runs.
    #expect(try Self.standing(harness, at: 3 * 86_400 + 3600) == ["breached", "on time"])
  }

  @Test func aTaskIsBreachedAtItsOLADueSecond() throws {
    let harness = try SupervisorHarness()
    _ = try harness.technical(minutes: 1)
    // 12 office hours from Monday 09:01: Tuesday 13:01; the SLA's warning (75% of 16 office
    // hours) came at that second too.
    let due = 28 * 3600 + 60
    #expect(try Self.standing(harness, at: due - 1) == ["at risk", "on time"])
    #expect(try Self.standing(harness, at: due) == ["breached", "at risk"])
  }
}
