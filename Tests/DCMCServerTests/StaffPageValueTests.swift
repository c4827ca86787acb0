import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// How the staff pages show a case's values (stop 25's user test): a value with a right-to-left
/// override (U+202E) is a bidirectional isolate (`dir="auto"`) on the desk and in the
/// supervisor's inputs, so it turns only itself round; the priority input is bounded as the
/// server bounds it.
@Suite struct StaffPageValueTests {
  static let overridden = "\u{202E}eoD enaJ"

  @Test func aValueWithAnOverrideIsAnIsolateOnTheDesk() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    var form = PagesHarness.form(name: Self.overridden)
    form[3] = ("Problem_Description", "no signal")
    let reply = try PagesHarness.document(harness.post(form, visit: try harness.open()))
    let id = try #require(reply.element(id: "reference")?.text)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: try harness.signIn("alice")))
    let value = try #require(page.elements("dd").first { $0.text == Self.overridden })
    #expect(value["dir"] == "auto")
    #expect(page.elements("dd").allSatisfy { $0["dir"] == "auto" })
  }

  @Test func theSupervisorsInputsAreIsolatesAndThePriorityIsBounded() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(["Customer_Name": Self.overridden])
    let sam = try harness.signIn()
    let casePage = try PagesHarness.document(harness.get("/supervisor/cases/\(state.id)", as: sam))
    let name = try #require(casePage.element(id: "field-Customer_Name"))
    #expect(name["value"] == Self.overridden && name["dir"] == "auto")
    let taskPage = try PagesHarness.document(harness.get("/supervisor/tasks/\(state.id).1", as: sam))
    let priority = try #require(taskPage.element(id: "priority"))
    #expect(priority["min"] == "0" && priority["max"] == "100")
  }
}
