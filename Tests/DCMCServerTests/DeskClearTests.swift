import DCMCApplication
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The desk's complete shows the case's values in the task's form, and a value the advisor
/// empties is cleared (docs/server.md, "Desk"): the case has no value after, and the history
/// says so. A value left as shown changes nothing. Before 7 December 2026 (stop 35) the form
/// showed every field empty and an empty field was not sent, so a value could not be cleared.
@Suite struct DeskClearTests {
  @Test func aValueEmptiedOnTheDesksFormIsClearedAndTheHistorySaysSo() throws {
    let harness = try PagesHarness(users: ["hugo", "oscar"])
    let id = try FormClearAPITests.secondReport(harness.api)
    let hugo = try harness.signIn("hugo", at: 402)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: hugo, at: 403))
    // The case's values filled in: the notes, the date of the last visit, "No" chosen.
    #expect(page.element(id: "field-Technician_Notes")?.text == "Nobody home")
    #expect(page.element(id: "field-Visit_Date")?["value"] == "2026-03-04")
    #expect(page.element(id: "field-Device_Delivered-no")?["checked"] == "")
    let action = "/desk/tasks/\(id).4/complete"
    let emptied = [("outcome", "delivered"), ("Device_Delivered", "true"), ("Technician_Notes", "")]
    let versions = try harness.api.store.service.history(of: id).count
    // Refused for another value: the notes shown empty as sent, nothing recorded.
    let refused = harness.post(action, emptied + [("Visit_Date", "2026-03-05"), ("New_Serial_Number", "x")], as: hugo, at: 404)
    #expect(refused.status == 422)
    let shown = try PagesHarness.document(refused)
    #expect(shown.element(id: "field-Technician_Notes")?.text == "")
    #expect(try harness.api.store.service.history(of: id).count == versions)
    let done = harness.post(action, emptied + [("Visit_Date", "2026-03-04")], as: hugo, at: 405)
    #expect(done.status == 303, "\(done.status)")
    let state = try harness.api.store.service.load(id)
    #expect(state.fields["Technician_Notes"] == nil)
    #expect(state.fields["Visit_Date"] == "2026-03-04" && state.fields["Device_Delivered"] == "true")
    let changes = try harness.api.store.service.history(of: id)[versions...].map(\.change)
    // The date given as the case had it is not set again; the answer changed is.
    #expect(changes.contains(.fieldsSet(["Device_Delivered": "true"])))
    #expect(changes.contains(.updated(CaseUpdate(fields: ["Technician_Notes": .init("Nobody home", nil)]))))
    let after = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: hugo, at: 406))
    #expect(after.root.text.contains("Case data changed: Technician_Notes (cleared)"))
  }

  /// The address change with `Occupants`, a field of the case, on its form too: the form shows
  /// 3; sam changes it to 4 meanwhile; alice completes with 3 left as shown, and sam's 4
  /// stands (the form's `shown` digests). Without them a value left as shown was written
  /// back over a change made meanwhile.
  @Test func aValueLeftAsShownKeepsAChangeMadeMeanwhile() throws {
    let (harness, id, alice, shown) = try occupantsChangedMeanwhile()
    let form = [
      ("shown", shown), ("outcome", "updated"), ("Postal_Code", "9000"), ("Municipality", "Gent"),
      ("Address_Checked", "true"), ("Transfer_Date", "2026-04-01"), ("Occupants", "3"),
    ]
    let done = harness.post("/desk/tasks/\(id).1/complete", form, as: alice, at: 73)
    #expect(done.status == 303, "\(done.status)")
    let state = try harness.api.store.service.load(id)
    #expect(state.fields["Occupants"] == "4" && state.fields["Municipality"] == "Gent")
  }

  /// The same, but alice changes `Occupants` too, to 5: the completion is refused (409) as the
  /// supervisor's case form refuses a save over a change made meanwhile (`FormEdits`, the same
  /// words), the task still hers, nothing recorded, sam's 4 kept; the page says the value now
  /// and shows alice's input again with the case's values now as shown, so completing again
  /// keeps hers. Before stop 36 the desk wrote alice's 5 over sam's 4 unseen.
  @Test func aFieldEditedOverAChangeMadeMeanwhileIsRefusedWithItsValueNow() throws {
    let (harness, id, alice, shown) = try occupantsChangedMeanwhile()
    let versions = try harness.api.store.service.history(of: id).count
    let form = [
      ("outcome", "updated"), ("Postal_Code", "9000"), ("Municipality", "Gent"), ("Address_Checked", "true"),
      ("Transfer_Date", "2026-04-01"), ("Occupants", "5"),
    ]
    let action = "/desk/tasks/\(id).1/complete"
    let refused = harness.post(action, [("shown", shown)] + form, as: alice, at: 73)
    #expect(refused.status == 409, "\(refused.status)")
    let state = try harness.api.store.service.load(id)
    #expect(state.fields["Occupants"] == "4" && state.fields["Municipality"] == nil)
    #expect(state.task("\(id).1")?.assignee == "alice" && state.task("\(id).1")?.status.isActive == true)
    #expect(try harness.api.store.service.history(of: id).count == versions)
    let page = try PagesHarness.document(refused)
    let alert = try #require(page.root.all.first { $0["role"] == "alert" }?.text)
    #expect(
      alert == "Not done: the case changed while you edited it: 'Occupants' is now '4'. "
        + "Your changes are below; complete again to keep them.")
    #expect(page.element(id: "field-Occupants")?["value"] == "5")
    #expect(page.element(id: "field-Municipality")?["value"] == "Gent")
    #expect(page.element(id: "outcome-1")?.all.first { $0["selected"] != nil }?["value"] == "updated")
    let fresh = try #require(page.elements("input").first { $0["name"] == "shown" }?["value"])
    #expect(fresh != shown)
    let again = harness.post(action, [("shown", fresh)] + form, as: alice, at: 74)
    #expect(again.status == 303, "\(again.status)")
    #expect(try harness.api.store.service.load(id).fields["Occupants"] == "5")
  }

  /// The reference definitions with `Occupants`, a field of the address change, on its
  /// update task's form too.
  static let occupantsVariant = ReferenceBundle.variant { name, text in
    name == "address_change.yaml"
      ? text.replacing(
        "          - { id: Municipality, type: string, required: true }\n",
        with: "          - { id: Municipality, type: string, required: true }\n"
          + "          - { id: Occupants, name: Number of occupants, type: integer }\n")
      : text
  }

  /// The address change with `Occupants`, a field of the case, on its form too: alice takes
  /// the case and is shown 3 (the form's `shown`, returned), then sam PATCHes it to 4.
  private func occupantsChangedMeanwhile() throws -> (PagesHarness, String, PagesHarness.Staff, String) {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let variant = Self.occupantsVariant
    #expect(try harness.api.store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil))
    let id = try DeskPageTests().addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 71))
    #expect(page.element(id: "field-Occupants")?["value"] == "3")
    let shown = try #require(page.elements("input").first { $0["name"] == "shown" }?["value"])
    let changed = harness.api.send("PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Occupants": 4}}"#, as: "sam", at: 72)
    #expect(changed.status == 200)
    return (harness, id, alice, shown)
  }
}
