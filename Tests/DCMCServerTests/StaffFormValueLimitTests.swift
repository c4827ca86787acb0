import DCMCServer
import Testing
import _DCMCTestSupport

/// A staff form's value over 64 KiB is read (`FormBody.init(page:)`, the public form's rule)
/// and answered as that field's error with the form kept, as the public form answers it
/// (`FormPageLimitTests`). Before 7 December 2026 the whole body was refused: the supervisor's
/// case and task forms said "The form has expired" (403), the desk "The form could not be
/// read" (400), and what was typed was lost.
@Suite struct StaffFormValueLimitTests {
  static let long = String(repeating: "no signal ", count: 7000)

  @Test func theSupervisorsCaseFormKeepsTheFormAndSaysWhichFieldIsTooLong() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let shown = try harness.shown(state.id, as: sam)
    let answer = harness.post(page, [shown, ("Customer_Name", "Jane Roe"), ("Problem_Description", Self.long)], as: sam)
    #expect(answer.status == 422, "\(answer.status)")
    let document = try PagesHarness.document(answer)
    let summary = try #require(document.root.all.first { $0["role"] == "alert" })
    #expect(summary.all.contains { $0.name == "a" && $0["href"] == "#field-Problem_Description" })
    let area = try #require(document.element(id: "field-Problem_Description"))
    #expect(area.text == Self.long && area["aria-invalid"] == "true")
    #expect(document.element(id: "field-Customer_Name")?["value"] == "Jane Roe")
    #expect(try harness.load(state.id) == state)
  }

  @Test func aTaskFormsTooLongValueIsTheFormsMistake() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let sam = try harness.signIn()
    let answer = harness.post("/supervisor/tasks/\(state.id).1/assign", [("to", Self.long)], as: sam)
    #expect(answer.status == 422, "\(answer.status)")
    let alert = try PagesHarness.document(answer).root.all.first { $0["role"] == "alert" }?.text
    #expect(alert == "the user to assign the task to is longer than 128 bytes")
    #expect(try harness.load(state.id) == state)
  }

  @Test func theDesksCompleteFormKeepsTheValuesBesideTheTooLongOnesMessage() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let id = try DeskPageTests().addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let answer = harness.post(
      "/desk/tasks/\(id).1/complete", [("outcome", "updated"), ("Postal_Code", "9000"), ("Municipality", Self.long)],
      as: alice, at: 71)
    #expect(answer.status == 422, "\(answer.status)")
    let page = try PagesHarness.document(answer)
    let municipality = try #require(page.element(id: "field-Municipality"))
    #expect(municipality["aria-invalid"] == "true" && municipality["value"] == Self.long)
    #expect(page.element(id: "field-Postal_Code")?["value"] == "9000")
    #expect(try harness.api.store.service.load(id).task("\(id).1")?.status == .assigned)
  }
}
