import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// A supervisor's change that the engine finds made already (the priority, OLA or SLA the
/// task or case has, given again) records nothing, and the page says so rather than "set"
/// (docs/server.md "Supervisor page"): the redirect carries `?unchanged=ACTION`, the change's
/// name and no value, and the page words what the case has now, as the CLI does.
@Suite struct SupervisorRepeatedChangeTests {
  @Test func aRepeatedPriorityOrOLAOnTheTaskPageSaysNothingChanged() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(minutes: 0)
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let set = harness.post("\(page)/priority", [("priority", "90")], as: sam)
    #expect(set.status == 303 && set.header("Location") == "\(page)?done=priority")
    let ola = harness.post("\(page)/ola", [("days", ""), ("hours", "2")], as: sam)
    #expect(ola.status == 303 && ola.header("Location") == "\(page)?done=ola")
    let history = try harness.pages.api.store.service.history(of: state.id)
    // The same again, at the same instant: the OLA counts from now, so the same plan.
    let priority = harness.post("\(page)/priority", [("priority", "90")], as: sam)
    #expect(priority.status == 303 && priority.header("Location") == "\(page)?unchanged=priority")
    let olaAgain = harness.post("\(page)/ola", [("days", ""), ("hours", "2")], as: sam)
    #expect(olaAgain.status == 303 && olaAgain.header("Location") == "\(page)?unchanged=ola")
    #expect(try harness.pages.api.store.service.history(of: state.id) == history)
    let said = { (query: [String: String]) throws -> HTMLDocument.Element? in
      try PagesHarness.document(harness.get(page, as: sam, query: query)).root.all.first { $0["role"] == "status" }
    }
    #expect(try said(["unchanged": "priority"])?.text == "Nothing changed: the task already has priority 90.")
    // Two office hours from Tuesday 11:00 in Brussels, shown in the viewer's zone.
    let olaSaid = try said(["unchanged": "ola"])
    #expect(olaSaid?.text == "Nothing changed: the task already has this OLA, due 2026-03-03 13:00.")
    #expect(olaSaid?.all.contains { $0.name == "time" && $0["datetime"] == "2026-03-03T12:00:00Z" } == true)
    #expect(try said(["done": "priority"])?.text == "The priority is set.")
    // A name the page has no change of says nothing.
    #expect(try said(["unchanged": "cancel"]) == nil)
  }

  /// An assignment to the user who has the task, or a move to the workbin it is in: nothing
  /// recorded, and the task keeps its assignee (a move puts a task back in the queue).
  @Test func assigningTheHolderOrMovingToItsWorkbinSaysNothingChanged() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(minutes: 0)
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let assign = harness.post("\(page)/assign", [("to", "alice")], as: sam)
    #expect(assign.status == 303 && assign.header("Location") == "\(page)?done=assign")
    let history = try harness.pages.api.store.service.history(of: state.id)
    let again = harness.post("\(page)/assign", [("to", "alice")], as: sam)
    #expect(again.status == 303 && again.header("Location") == "\(page)?unchanged=assign")
    let move = harness.post("\(page)/reassign", [("target", "employees_group")], as: sam)
    #expect(move.status == 303 && move.header("Location") == "\(page)?unchanged=reassign")
    #expect(try harness.pages.api.store.service.history(of: state.id) == history)
    let said = { (query: [String: String]) throws -> String? in
      let document = try PagesHarness.document(harness.get(page, as: sam, query: query))
      return document.root.all.first { $0["role"] == "status" }?.text
    }
    #expect(try said(["unchanged": "assign"]) == "Nothing changed: the task is already assigned to alice.")
    #expect(try said(["unchanged": "reassign"]) == "Nothing changed: the task is already in workbin Employees.")
  }

  /// The case's SLA given again, from the case page and from a task's page.
  @Test func aRepeatedSLASaysNothingChangedOnBothPages() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(minutes: 0)
    let casePage = "/supervisor/cases/\(state.id)"
    let taskPage = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let fields = [("sla-days", "2"), ("sla-hours", "4")]
    #expect(harness.post("\(casePage)/sla", fields, as: sam).header("Location") == "\(casePage)?done=sla")
    let history = try harness.pages.api.store.service.history(of: state.id)
    // Later, still the same: an SLA counts from the case's creation.
    for page in [casePage, taskPage] {
      let again = harness.post("\(page)/sla", fields, as: sam, at: SupervisorHarness.tuesday + 600)
      #expect(again.status == 303 && again.header("Location") == "\(page)?unchanged=sla")
      let document = try PagesHarness.document(harness.get(page, as: sam, query: ["unchanged": "sla"]))
      #expect(
        document.root.all.first { $0["role"] == "status" }?.text == "Nothing changed: the case already has SLA 2d 4h.")
    }
    #expect(try harness.pages.api.store.service.history(of: state.id) == history)
    let done = try PagesHarness.document(harness.get(casePage, as: sam, query: ["done": "sla"]))
    #expect(done.root.all.first { $0["role"] == "status" }?.text == "The case's SLA is set.")
  }
}
