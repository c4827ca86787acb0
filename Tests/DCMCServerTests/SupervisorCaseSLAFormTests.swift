import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The case page's form for the case's SLA (docs/server.md "Supervisor page"): the task
/// page's form, shown to a supervisor who may set the SLA (a supervisor of one of the case's
/// targets, the rule `case set --sla` is checked by) while the case is open, and run through
/// the same use case: a change made leads back to the case page, a refusal shows it again
/// with the reason, nothing changed.
@Suite struct SupervisorCaseSLAFormTests {
  @Test func aSupervisorOfTheCasesTargetsSetsItsSLAFromTheCasePage() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(minutes: 0)
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let document = try PagesHarness.document(harness.get(page, as: sam))
    let form = try #require(document.element(id: "form-sla"))
    #expect(form["action"] == "\(page)/sla" && form["method"] == "post")
    #expect(form.all.first { $0["type"] == "submit" }?.text == "Set case SLA")
    // The longest a supervisor may set, told to the browser by the use case's rule.
    #expect(document.element(id: "sla-days")?["max"] == "3650")
    #expect(document.element(id: "sla-hours")?["max"] == "87600")
    let version = try harness.load(state.id).version
    // Nothing, not a number, longer than a supervisor may set: refused with the reason.
    let refusals = [
      ([("sla-days", "0"), ("sla-hours", "")], "the SLA is a positive number of business days and hours"),
      ([("sla-days", "two")], "the SLA is a positive number of business days and hours"),
      ([("sla-days", "1234567890")], "the SLA is a positive number of business days and hours"),
      (
        [("sla-days", "3650"), ("sla-hours", "1")],
        "an SLA of 3650d 1h is longer than a supervisor may set: at most 3650 days (87600 hours)"
      ),
      ([("sla-hours", "87601")], "an SLA of 87601h is longer than a supervisor may set: at most 3650 days (87600 hours)"),
    ]
    for (fields, reason) in refusals {
      let refused = harness.post("\(page)/sla", fields, as: sam)
      #expect(refused.status == 422, "\(fields)")
      let shown = try PagesHarness.document(refused)
      #expect(shown.root.all.first { $0["role"] == "alert" }?.text == reason, "\(fields)")
      // The case page again, its form as before.
      #expect(shown.element(id: "form-sla") != nil && shown.element(id: "case-data") != nil)
    }
    // A form from no session of sam's is refused before anything is read.
    #expect(harness.post("\(page)/sla", [("sla-days", "2")], as: sam, csrf: "").status == 403)
    #expect(try harness.load(state.id).version == version)
    let set = harness.post("\(page)/sla", [("sla-days", "2"), ("sla-hours", "4")], as: sam)
    #expect(set.status == 303 && set.header("Location") == "\(page)?done=sla")
    let after = try harness.load(state.id)
    #expect(after.sla == CaseSLA(text: "2d 4h", seconds: 20 * 3600))
    // 20 office hours from the case's creation, Monday 09:00: Wednesday 13:00.
    #expect(after.slaDue == Timestamp("2026-03-04T13:00:00+01:00")?.instant)
    let last = try #require(harness.pages.api.store.service.history(of: state.id).last)
    #expect(last.by == "sam" && last.change.kind.rawValue == "case.sla_set")
    let done = try PagesHarness.document(harness.get(page, as: sam, query: ["done": "sla"]))
    #expect(done.root.all.first { $0["role"] == "status" }?.text == "The case's SLA is set.")
    #expect(done.root.all.contains { $0.name == "time" && $0["datetime"] == "2026-03-04T12:00:00Z" })
    // Another change is no change of this page.
    #expect(harness.post("\(page)/cancel", [], as: sam).status == 404)
    #expect(try harness.load(state.id) == after)
  }

  /// sam supervises the Technical targets, not a finance case's: he may open its page (he is
  /// a supervisor), which offers him no SLA form, and a post of one is refused as the CLI
  /// refuses him. Nor is the form offered on a cancelled case of his.
  @Test func theFormIsOfferedOnlyToWhoMaySetTheSLA() throws {
    let harness = try SupervisorHarness()
    let finance = try harness.financeCase()
    let page = "/supervisor/cases/\(finance.id)"
    let sam = try harness.signIn()
    let shown = harness.get(page, as: sam)
    #expect(shown.status == 200)
    let document = try PagesHarness.document(shown)
    #expect(document.element(id: "case-data") != nil && document.element(id: "form-sla") == nil)
    #expect(document.element(id: "sla-days") == nil)
    let refused = harness.post("\(page)/sla", [("sla-days", "3")], as: sam)
    #expect(refused.status == 403)
    let alert = try PagesHarness.document(refused).root.all.first { $0["role"] == "alert" }?.text
    #expect(alert == "'sam' supervises none of the case's targets and may not change the case's SLA")
    #expect(try harness.load(finance.id) == finance)
    // A Technical case: offered while open; cancelled, its SLA is no one's to change.
    let technical = try harness.technical(minutes: 2)
    let open = try PagesHarness.document(harness.get("/supervisor/cases/\(technical.id)", as: sam))
    #expect(open.element(id: "form-sla") != nil)
    _ = try harness.pages.api.store.at(180).execute(.cancel, onCase: technical.id, by: "sam")
    let cancelled = try PagesHarness.document(harness.get("/supervisor/cases/\(technical.id)", as: sam))
    #expect(cancelled.element(id: "case-data") != nil && cancelled.element(id: "form-sla") == nil)
  }
}
