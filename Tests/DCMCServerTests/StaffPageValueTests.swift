import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// How the staff pages show a case's values (stop 25's user test: a `Customer_Name` starting
/// with U+202E showed reversed): as written, each bidirectional control shown as a mark, in a
/// bidirectional isolate (`dir="auto"`); an input keeps the value and spells it out under it.
/// The priority input is bounded as the server bounds it.
@Suite struct StaffPageValueTests {
  static let overridden = "\u{202E}eoD enaJ"

  @Test func aValueWithAnOverrideIsAnIsolateOnTheDesk() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    var form = PagesHarness.form()
    form[3] = ("Problem_Description", "no signal")
    let reply = try PagesHarness.document(harness.post(form, visit: try harness.open()))
    let id = try #require(reply.element(id: "reference")?.text)
    // A value stored before the form refused a bidirectional override in a `string` (audit37 L5).
    try harness.api.store.storeUnchecked(id, fields: ["Customer_Name": Self.overridden], by: "alice", at: 120)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: try harness.signIn("alice")))
    // The override is shown as a mark, not applied: the value reads in the order it is stored.
    let value = try #require(page.elements("dd").first { $0.text == "⟨U+202E⟩eoD enaJ" })
    #expect(value["dir"] == "auto")
    #expect(page.elements("span").contains { $0["class"] == "bidi-control" && $0.text == "⟨U+202E⟩" })
    #expect(page.elements("dd").allSatisfy { $0["dir"] == "auto" })
  }

  @Test func theSupervisorsInputsAreIsolatesAndThePriorityIsBounded() throws {
    let harness = try SupervisorHarness()
    // A value stored before the form refused a bidirectional override in a `string` (audit37 L5).
    let state = try harness.pages.api.store.storeUnchecked(
      harness.technical().id, fields: ["Customer_Name": Self.overridden], by: "alice", at: 120)
    let sam = try harness.signIn()
    let casePage = try PagesHarness.document(harness.get("/supervisor/cases/\(state.id)", as: sam))
    let name = try #require(casePage.element(id: "field-Customer_Name"))
    // The input keeps the value as it is (a save sends it back unchanged); under it, as written.
    #expect(name["value"] == Self.overridden && name["dir"] == "auto")
    #expect(name["aria-describedby"] == "field-Customer_Name-as-written")
    let written = try #require(casePage.element(id: "field-Customer_Name-as-written"))
    #expect(written.text == "Shown turned round by a bidirectional control; as written: ⟨U+202E⟩eoD enaJ")
    #expect(casePage.element(id: "field-Product-as-written") == nil)
    let taskPage = try PagesHarness.document(harness.get("/supervisor/tasks/\(state.id).1", as: sam))
    let priority = try #require(taskPage.element(id: "priority"))
    #expect(priority["min"] == "0" && priority["max"] == "100")
  }
}
