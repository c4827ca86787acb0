import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The task page's form for the case's SLA (docs/server.md "Supervisor page"): business days
/// and hours from the case's creation, as `case set --sla`, through the same use case.
@Suite struct SupervisorSLAFormTests {
  @Test func aSupervisorSetsTheCasesSLAFromATasksPage() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(minutes: 0)
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let form = try PagesHarness.document(harness.get(page, as: sam)).root.all.first { $0["id"] == "form-sla" }
    #expect(form?["action"] == "\(page)/sla")
    let version = try harness.load(state.id).version
    // Nothing, or not a number: refused with the reason, nothing changed.
    for fields in [[("sla-days", "0"), ("sla-hours", "")], [("sla-days", "two"), ("sla-hours", "")]] {
      let refused = harness.post("\(page)/sla", fields, as: sam)
      #expect(refused.status == 422)
      let alert = try PagesHarness.document(refused).root.all.first { $0["role"] == "alert" }?.text
      #expect(alert == "the SLA is a positive number of business days and hours")
    }
    #expect(try harness.load(state.id).version == version)
    let set = harness.post("\(page)/sla", [("sla-days", "2"), ("sla-hours", "4")], as: sam)
    #expect(set.status == 303 && set.header("Location") == "\(page)?done=sla")
    let after = try harness.load(state.id)
    #expect(after.sla == CaseSLA(text: "2d 4h", seconds: 20 * 3600))
    // 20 office hours from the case's creation, Monday 09:00: Wednesday 13:00.
    #expect(after.slaDue == Timestamp("2026-03-04T13:00:00+01:00")?.instant)
    let done = try PagesHarness.document(harness.get(page, as: sam, query: ["done": "sla"]))
    #expect(done.root.all.first { $0["role"] == "status" }?.text == "The case's SLA is set.")
  }

  /// A finance case, whose workgroup sam does not supervise: the use case's permission check
  /// decides, and the page says why.
  @Test func aSupervisorOfNoneOfTheCasesTargetsIsRefused() throws {
    let harness = try SupervisorHarness()
    let state = try harness.financeCase()
    let sam = try harness.signIn()
    let refused = harness.post("/supervisor/tasks/\(state.id).1/sla", [("sla-days", "3")], as: sam)
    #expect(refused.status == 403)
    let alert = try PagesHarness.document(refused).root.all.first { $0["role"] == "alert" }?.text
    #expect(alert == "'sam' supervises none of the case's targets and may not change the case's SLA")
    #expect(try harness.load(state.id) == state)
  }
}
