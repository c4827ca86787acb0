import DCMCApplication
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// A `boolean` field is a yes/no choice on every form (`FormFields`): two labelled radio
/// buttons in a fieldset, neither chosen until answered, read as `true`, `false` or not
/// answered by one rule. Before 7 December 2026 it was a check box, which sends nothing
/// unticked: the desk's complete and the public form read that as "not given", so a required
/// boolean could never be `false` there ("'Address_Checked' is required"), while the
/// supervisor's case form read it as `false` (audit34 finding 3).
@Suite struct FormChoiceTests {
  /// What a browser sends for the input of `field` labelled `text` on `page` (a radio button
  /// chosen): its name and value.
  static func choose(_ text: String, of field: String, on page: HTMLDocument) throws -> (String, String) {
    let label = try #require(
      page.elements("label").first { $0.text == text && $0["for"]?.hasPrefix("field-\(field)") == true })
    let input = try #require(page.element(id: label["for"] ?? ""))
    #expect(input["type"] == "radio" && input["name"] == field)
    return (field, input["value"] ?? "")
  }

  /// The desk's complete of the reference address change, `Address_Checked` answered by
  /// choosing the input labelled `answer` on the case page, or not answered.
  func completeAddressChange(answer: String?) throws -> (PagesHarness, String, HTTPResponse) {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let id = try DeskPageTests().addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 71))
    let chosen = try answer.map { try Self.choose($0, of: "Address_Checked", on: page) }
    let fields = [
      ("outcome", "updated"), ("Postal_Code", "9000"), ("Municipality", "Gent"), ("Transfer_Date", "2026-04-01"),
    ]
    let response = harness.post(
      "/desk/tasks/\(id).1/complete", fields + (chosen.map { [$0] } ?? []), as: alice, at: 72)
    return (harness, id, response)
  }

  @Test func theDesksCompleteTakesARequiredBooleanAnsweredNo() throws {
    let (harness, id, answer) = try completeAddressChange(answer: "No")
    #expect(answer.status == 303 && answer.header("Location") == "/desk", "\(answer.status)")
    let state = try harness.api.store.service.load(id)
    #expect(state.task("\(id).1")?.status == .completed && state.fields["Address_Checked"] == "false")
  }

  /// Not answered is not "no": the required field is refused, the form shown again with
  /// neither choice made.
  @Test func theDesksCompleteRefusesARequiredBooleanNotAnswered() throws {
    let (harness, id, answer) = try completeAddressChange(answer: nil)
    #expect(answer.status == 422)
    let page = try PagesHarness.document(answer)
    let group = try #require(page.elements("fieldset").first { $0.all.contains { $0["name"] == "Address_Checked" } })
    #expect(group["aria-invalid"] == "true")
    let described = (group["aria-describedby"] ?? "").split(separator: " ").compactMap { page.element(id: String($0)) }
    #expect(described.map(\.text) == ["'Address_Checked' is required"])
    #expect(!group.all.contains { $0["checked"] != nil })
    #expect(try harness.api.store.service.load(id).task("\(id).1")?.status == .assigned)
  }

  /// The markup: a fieldset whose legend names the field, "Yes" and "No" as labelled radio
  /// buttons sending `true` and `false`, required when the field is, neither chosen.
  @Test func aBooleanIsAFieldsetOfTwoLabelledRadioButtons() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let id = try DeskPageTests().addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 71))
    let group = try #require(page.elements("fieldset").first { $0.all.contains { $0["name"] == "Address_Checked" } })
    #expect(group["role"] == "radiogroup")
    #expect(group.all.first { $0.name == "legend" }?.text == "Address checked in the register (required)")
    let radios = group.all.filter { $0.name == "input" }
    #expect(radios.map { $0["type"] } == ["radio", "radio"] && radios.map { $0["value"] } == ["true", "false"])
    #expect(radios.map { $0["id"] } == ["field-Address_Checked", "field-Address_Checked-no"])
    #expect(radios.allSatisfy { $0["required"] == "" && $0["checked"] == nil })
    let labels = Dictionary(
      uniqueKeysWithValues: page.elements("label").compactMap { label in label["for"].map { ($0, label.text) } })
    #expect(radios.map { labels[$0["id"] ?? ""] } == ["Yes", "No"])
    #expect(page.elements("input").allSatisfy { $0["type"] != "checkbox" })
  }

  /// The public form: an optional boolean answered "no" is recorded as `false`, and one
  /// answered "yes", shown again on a refusal, stays chosen.
  @Test func thePublicFormRecordsABooleanAnsweredNo() throws {
    let harness = try PagesHarness()
    let form = Self.complaintForm
    let visit = try harness.open("complaint")
    let empty = try PagesHarness.document(harness.send("GET", "/forms/complaint", headers: ["Cookie": visit.cookie]))
    let yes = try Self.choose("Yes", of: "Goodwill_Requested", on: empty)
    let no = try Self.choose("No", of: "Goodwill_Requested", on: empty)
    #expect(empty.element(id: "field-Goodwill_Requested")?["required"] == nil)
    let refused = harness.post(form + [yes, ("Membership_No", "bad")], to: "complaint", visit: visit)
    #expect(refused.status == 422)
    let shown = try PagesHarness.document(refused)
    #expect(shown.element(id: "field-Goodwill_Requested")?["checked"] == "")
    #expect(shown.element(id: "field-Goodwill_Requested-no")?["checked"] == nil)
    let sent = harness.post(form + [no], to: "complaint", visit: visit, at: 61)
    #expect(sent.status == 201, "\(sent.status)")
    let reference = try #require(try PagesHarness.document(sent).element(id: "reference")?.text)
    #expect(try harness.api.store.service.load(reference).fields["Goodwill_Requested"] == "false")
  }

  /// The public complaint form's required fields, filled in; the yes/no left to each test.
  static let complaintForm = [
    ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Language", "en"),
    ("Topic", "billing"), ("Complaint", "charged twice"),
  ]

  /// A complaint whose customer asked for goodwill (`Goodwill_Requested` true), made by alice.
  static func complaintAskingGoodwill(_ harness: SupervisorHarness) throws -> CaseState {
    try harness.pages.api.store.at(60).create(
      type: "complaint",
      fields: [
        "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Language": "en", "Topic": "billing",
        "Complaint": "charged twice", "Goodwill_Requested": "true",
      ], request: nil, by: "alice")
  }

  /// The supervisor's case form shows the case's answer chosen, and "no" chosen over it
  /// records `false`; a save that leaves it as shown changes nothing.
  @Test func theSupervisorsCaseFormShowsTheAnswerAndRecordsNo() throws {
    let harness = try SupervisorHarness()
    let state = try Self.complaintAskingGoodwill(harness)
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let form = try PagesHarness.document(harness.get(page, as: sam))
    #expect(form.element(id: "field-Goodwill_Requested")?["checked"] == "")
    #expect(form.element(id: "field-Goodwill_Requested-no")?["checked"] == nil)
    #expect(form.element(id: "field-Goodwill_Granted")?["checked"] == nil)
    #expect(form.element(id: "field-Goodwill_Granted-no")?["checked"] == nil)
    let yes = try Self.choose("Yes", of: "Goodwill_Requested", on: form)
    let no = try Self.choose("No", of: "Goodwill_Requested", on: form)
    let shown = try harness.shown(state.id, as: sam)
    let fields = [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Language", "en"), ("Topic", "billing"),
      ("Complaint", "charged twice"),
    ]
    let unchanged = harness.post(page, [shown] + fields + [yes], as: sam)
    #expect(unchanged.status == 200)
    #expect(try harness.load(state.id).version == state.version)
    let saved = harness.post(page, [shown] + fields + [no], as: sam)
    #expect(saved.status == 303, "\(saved.status)")
    let after = try harness.load(state.id)
    #expect(after.fields["Goodwill_Requested"] == "false" && after.fields["Goodwill_Granted"] == nil)
  }
}
