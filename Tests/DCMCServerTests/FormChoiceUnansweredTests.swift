import DCMCApplication
import DCMCServer
import Testing
import _DCMCTestSupport

/// An optional `boolean` field has a third radio button, "Not answered", sending an empty
/// value, which the forms' one reading (`FormFields.values`) takes as no value: chosen while
/// the field has none, and the way to take an answer back (a browser offers no way to choose
/// no radio button again). A required one keeps "Yes" and "No" only
/// (`FormChoiceTests.aBooleanIsAFieldsetOfTwoLabelledRadioButtons`). Before 7 December 2026
/// (stop 34) an optional yes/no once answered could not be cleared on any form.
@Suite struct FormChoiceUnansweredTests {
  /// The radio buttons of `field` on `page`: their values and their labels, in order.
  static func options(of field: String, on page: HTMLDocument) throws -> [(value: String?, label: String?)] {
    let group = try #require(page.elements("fieldset").first { $0.all.contains { $0["name"] == field } })
    let labels = Dictionary(
      uniqueKeysWithValues: page.elements("label").compactMap { label in label["for"].map { ($0, label.text) } })
    return group.all.filter { $0.name == "input" }.map { ($0["value"], labels[$0["id"] ?? ""]) }
  }

  /// The supervisor's case form: the answer shown chosen, "Not answered" chosen for the field
  /// without a value; choosing it over "Yes" empties the field.
  @Test func theSupervisorsCaseFormClearsAnAnswerChosenNotAnswered() throws {
    let harness = try SupervisorHarness()
    let state = try FormChoiceTests.complaintAskingGoodwill(harness)
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let form = try PagesHarness.document(harness.get(page, as: sam))
    let options = try Self.options(of: "Goodwill_Requested", on: form)
    #expect(options.map(\.value) == ["true", "false", ""] && options.map(\.label) == ["Yes", "No", "Not answered"])
    #expect(form.element(id: "field-Goodwill_Requested")?["checked"] == "")
    #expect(form.element(id: "field-Goodwill_Requested-unanswered")?["checked"] == nil)
    #expect(form.element(id: "field-Goodwill_Granted-unanswered")?["checked"] == "")
    let unanswered = try FormChoiceTests.choose("Not answered", of: "Goodwill_Requested", on: form)
    let granted = try FormChoiceTests.choose("Not answered", of: "Goodwill_Granted", on: form)
    let fields = [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Language", "en"), ("Topic", "billing"),
      ("Complaint", "charged twice"),
    ]
    let saved = harness.post(page, [try harness.shown(state.id, as: sam)] + fields + [unanswered, granted], as: sam)
    #expect(saved.status == 303, "\(saved.status)")
    let after = try harness.load(state.id)
    #expect(after.version == state.version + 1)
    #expect(after.fields["Goodwill_Requested"] == nil && after.fields["Goodwill_Granted"] == nil)
    let again = try PagesHarness.document(harness.get(page, as: sam))
    #expect(again.element(id: "field-Goodwill_Requested-unanswered")?["checked"] == "")
    #expect(again.element(id: "field-Goodwill_Requested")?["checked"] == nil)
  }

  /// The public form: "Not answered" chosen at first, kept chosen on a refusal, and sent
  /// as it is the case has no value; "Yes" chosen and then taken back is no answer.
  @Test func thePublicFormSendsNotAnsweredAsNoValue() throws {
    let harness = try PagesHarness()
    let form = FormChoiceTests.complaintForm
    let visit = try harness.open("complaint")
    let empty = try PagesHarness.document(harness.send("GET", "/forms/complaint", headers: ["Cookie": visit.cookie]))
    #expect(try Self.options(of: "Goodwill_Requested", on: empty).map(\.label) == ["Yes", "No", "Not answered"])
    #expect(empty.element(id: "field-Goodwill_Requested-unanswered")?["checked"] == "")
    #expect(empty.element(id: "field-Goodwill_Requested")?["checked"] == nil)
    let unanswered = try FormChoiceTests.choose("Not answered", of: "Goodwill_Requested", on: empty)
    #expect(unanswered == ("Goodwill_Requested", ""))
    let refused = harness.post(form + [unanswered, ("Membership_No", "bad")], to: "complaint", visit: visit)
    #expect(refused.status == 422)
    let shown = try PagesHarness.document(refused)
    #expect(shown.element(id: "field-Goodwill_Requested-unanswered")?["checked"] == "")
    let sent = harness.post(form + [unanswered], to: "complaint", visit: visit, at: 61)
    #expect(sent.status == 201, "\(sent.status)")
    let reference = try #require(try PagesHarness.document(sent).element(id: "reference")?.text)
    #expect(try harness.api.store.service.load(reference).fields["Goodwill_Requested"] == nil)
  }

  /// The desk's complete, on the address change with `Address_Checked` made optional: three
  /// choices, none required, "Not answered" chosen; a refusal keeps "Yes" chosen, and "Not
  /// answered" chosen over it completes the task with no value for the field.
  @Test func theDesksCompleteTakesAnOptionalBooleanNotAnswered() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let variant = ReferenceBundle.variant { name, text in
      name == "address_change.yaml" ? text.replacing("type: boolean, required: true", with: "type: boolean") : text
    }
    #expect(try harness.api.store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil))
    let id = try DeskPageTests().addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 71))
    #expect(try Self.options(of: "Address_Checked", on: page).map(\.value) == ["true", "false", ""])
    #expect(page.element(id: "field-Address_Checked-unanswered")?["checked"] == "")
    #expect(page.element(id: "field-Address_Checked")?["required"] == nil)
    let yes = try FormChoiceTests.choose("Yes", of: "Address_Checked", on: page)
    let unanswered = try FormChoiceTests.choose("Not answered", of: "Address_Checked", on: page)
    let fields = [("outcome", "updated"), ("Municipality", "Gent"), ("Transfer_Date", "2026-04-01")]
    let refused = harness.post(
      "/desk/tasks/\(id).1/complete", fields + [("Postal_Code", "x"), yes], as: alice, at: 72)
    #expect(refused.status == 422)
    let shown = try PagesHarness.document(refused)
    #expect(shown.element(id: "field-Address_Checked")?["checked"] == "")
    #expect(shown.element(id: "field-Address_Checked-unanswered")?["checked"] == nil)
    let done = harness.post(
      "/desk/tasks/\(id).1/complete", fields + [("Postal_Code", "9000"), unanswered], as: alice, at: 73)
    #expect(done.status == 303 && done.header("Location") == "/desk", "\(done.status)")
    let state = try harness.api.store.service.load(id)
    #expect(state.task("\(id).1")?.status == .completed && state.fields["Address_Checked"] == nil)
    #expect(state.fields["Postal_Code"] == "9000")
  }
}
