import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The supervisor's changes (docs/server.md "Supervisor page"): each a POST with the CSRF
/// token through the use cases and their permission checks; a change made leads back to its
/// page, a refusal is shown and changes nothing.
@Suite struct SupervisorActionTests {
  @Test func aSupervisorAssignsReassignsAndReplansATask() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let task = "\(state.id).1"
    let page = "/supervisor/tasks/\(task)"
    let sam = try harness.signIn()
    let assigned = harness.post("\(page)/assign", [("to", "bob")], as: sam)
    #expect(assigned.status == 303 && assigned.header("Location") == "\(page)?done=assign")
    #expect(try harness.load(state.id).task(task)?.assignee == "bob")
    // Assigning a task someone holds gives it to another: the supervisor's reassignment.
    #expect(harness.post("\(page)/assign", [("to", "carol")], as: sam).status == 303)
    #expect(try harness.load(state.id).task(task)?.assignee == "carol")
    let done = try PagesHarness.document(harness.get(page, as: sam, query: ["done": "assign"]))
    #expect(done.root.all.first { $0["role"] == "status" }?.text == "The task is assigned.")
    #expect(harness.post("\(page)/priority", [("priority", "90")], as: sam).status == 303)
    #expect(harness.post("\(page)/ola", [("days", "2"), ("hours", "")], as: sam).status == 303)
    #expect(harness.post("\(page)/reassign", [("target", "expert_group_x")], as: sam).status == 303)
    let after = try #require(try harness.load(state.id).task(task))
    #expect(after.priority == 90 && after.target == "expert_group_x" && after.assignee == nil)
    // Two business days of office_brussels from Tuesday 11:00 (16 office hours).
    #expect(after.olaDue == Timestamp("2026-03-05T11:00:00+01:00")?.instant)
  }

  @Test func aRescheduleIsReadInTheViewersZone() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    for (zone, expected) in [("Europe/Brussels", "2026-03-04T08:30:00Z"), ("UTC", "2026-03-04T09:30:00Z")] {
      let moved = harness.post("\(page)/reschedule", [("until", "2026-03-04T09:30")], as: sam, query: ["zone": zone])
      #expect(moved.status == 303 && moved.header("Location") == "\(page)?zone=\(zone)&done=reschedule")
      #expect(try harness.load(state.id).task("\(state.id).1")?.scheduledUntil?.description == expected)
    }
  }

  @Test func aRefusedChangeIsShownAndChangesNothing() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let version = try harness.load(state.id).version
    // mallory is in no workgroup; an OLA of nothing; a reschedule with no time.
    let refused = [
      harness.post("\(page)/assign", [("to", "mallory")], as: sam),
      harness.post("\(page)/ola", [("days", "0"), ("hours", "0")], as: sam),
      harness.post("\(page)/priority", [("priority", "high")], as: sam),
      harness.post("\(page)/reschedule", [("until", "tomorrow")], as: sam),
    ]
    #expect(refused.map(\.status) == [404, 422, 422, 422])
    let message = try PagesHarness.document(refused[0]).root.all.first { $0["role"] == "alert" }?.text
    #expect(message?.contains("mallory") == true)
    #expect(try harness.load(state.id).version == version)
  }

  /// A form's id that cannot be one (the rule of every id: not empty, at most 128 bytes, no
  /// '/', no control character, not '.' first) is the form's mistake: the page again, 422,
  /// saying why, nothing changed, as the JSON body's member is 422 (`BodyIdentifierAPITests`).
  /// Until 7 December 2026 it was looked for, and the page said 404.
  @Test func anIDThatCannotBeOneIs422AndChangesNothing() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let forms = [("assign", "to", "the user to assign the task to"), ("reassign", "target", "the workbin to move the task to")]
    for (action, field, what) in forms {
      for (id, problem) in [
        ("a/b", "contains '/'"), ("x\u{7}y", "contains a control character"), (".hidden", "starts with '.'"),
        (String(repeating: "a", count: 129), "is longer than 128 bytes"),
      ] {
        let answer = harness.post("\(page)/\(action)", [(field, id)], as: sam)
        #expect(answer.status == 422, "\(action) \(id.prefix(8))")
        let alert = try PagesHarness.document(answer).root.all.first { $0["role"] == "alert" }?.text
        #expect(alert == "\(what) \(problem)", "\(action) \(id.prefix(8))")
      }
    }
    #expect(try harness.load(state.id).version == state.version)
  }

  @Test func aChangeWithoutTheCSRFTokenOrWithAnotherSessionsIsRefused() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let other = try harness.signIn(at: SupervisorHarness.tuesday + 1)
    #expect(sam.cookie != other.cookie && sam.token != other.token)
    let answers = [
      harness.post("\(page)/assign", [("to", "bob")], as: sam, csrf: ""),
      harness.post("\(page)/assign", [("to", "bob")], as: sam, csrf: other.token),
    ]
    let data = [("Customer_Name", "Mallory"), ("Customer_Email", "jane@example.com"), ("Product", "internet")]
    let updates = [
      harness.post("/supervisor/cases/\(state.id)", data, as: sam, csrf: ""),
      harness.post("/supervisor/cases/\(state.id)", data, as: sam, csrf: other.token),
    ]
    #expect((answers + updates).map(\.status) == [403, 403, 403, 403])
    #expect(try harness.load(state.id).version == state.version)
    let form = try #require(try PagesHarness.document(harness.get(page, as: sam)).element(id: "form-assign"))
    #expect(form.all.contains { $0["name"] == "csrf" && $0["value"] == sam.token })
  }

  @Test func anAdvisorCannotUseTheSupervisorsForms() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let alice = try harness.signIn("alice")
    let answer = harness.post("\(page)/assign", [("to", "alice")], as: alice)
    #expect(answer.status == 403)
    #expect(try harness.load(state.id).task("\(state.id).1")?.assignee == nil)
  }

  @Test func caseDataIsValidatedWithTheValidatorsMessagesAndKeptOnError() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let fields = [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Product", "internet"),
      ("Problem_Description", "no signal at all"), ("Membership_No", "bad"),
    ]
    let shown = try harness.shown(state.id, as: sam)
    let invalid = harness.post(page, [shown] + fields, as: sam)
    #expect(invalid.status == 422)
    let document = try PagesHarness.document(invalid)
    let input = try #require(document.element(id: "field-Membership_No"))
    #expect(input["value"] == "bad" && input["aria-invalid"] == "true")
    let error = try #require(input["aria-describedby"]?.split(separator: " ").last.map(String.init))
    #expect(document.element(id: error)?.text == "'Membership_No' does not match the pattern '^M[0-9]{8}$'")
    #expect(document.element(id: "field-Problem_Description")?.text == "no signal at all")
    #expect(try harness.load(state.id).fields["Membership_No"] == nil)
    let valid = harness.post(page, [shown] + fields.dropLast() + [("Membership_No", "M12345678")], as: sam)
    #expect(valid.status == 303 && valid.header("Location") == "\(page)?saved=1")
    let saved = try harness.load(state.id)
    #expect(saved.fields["Membership_No"] == "M12345678" && saved.fields["Problem_Description"] == "no signal at all")
  }

  /// A save changes what the supervisor changed in the form, not every value that differs
  /// from the case's when the form comes back: a field changed meanwhile (another tab, the
  /// API) keeps that change; the same field changed by both is refused, 409, with the value it
  /// has now and the supervisor's in the form, until saved again. Before 6 December 2026 a
  /// save wrote back every value the form had shown, reverting the other change unseen.
  @Test func aSaveKeepsAChangeMadeMeanwhileAndRefusesOneToTheSameField() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let asCreated = [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Product", "internet"),
      ("Problem_Description", "no signal"),
    ]
    let shown = try harness.shown(state.id, as: sam)
    _ = try harness.pages.api.store.at(SupervisorHarness.tuesday).update(state.id, fields: ["Product": "television"], by: "sam")
    let saved = harness.post(page, [shown] + asCreated.dropLast() + [("Problem_Description", "mine")], as: sam)
    #expect(saved.status == 303)
    var fields = try harness.load(state.id).fields
    #expect(fields["Product"] == "television" && fields["Problem_Description"] == "mine")

    let again = try harness.shown(state.id, as: sam)
    // Theirs, as staff pages show a value: its bidirectional control marked, cut at 80 characters.
    let theirs = "\u{202E}theirs" + String(repeating: "x", count: 100)
    _ = try harness.pages.api.store.at(SupervisorHarness.tuesday).update(
      state.id, fields: ["Problem_Description": theirs], by: "sam")
    let edited = [("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Product", "television")]
    let refused = harness.post(page, [again] + edited + [("Problem_Description", "yours")], as: sam)
    #expect(refused.status == 409)
    let document = try PagesHarness.document(refused)
    let alert = try #require(document.root.all.first { $0["role"] == "alert" }?.text)
    #expect(alert.contains("'Problem_Description' is now '⟨U+202E⟩theirs" + String(repeating: "x", count: 73) + "…'"))
    #expect(document.element(id: "field-Problem_Description")?.text == "yours")
    #expect(try harness.load(state.id).fields["Problem_Description"] == theirs)
    let current = try #require(document.root.all.first { $0["name"] == "shown" }?["value"])
    #expect(harness.post(page, [("shown", current)] + edited + [("Problem_Description", "yours")], as: sam).status == 303)
    fields = try harness.load(state.id).fields
    #expect(fields["Problem_Description"] == "yours" && fields["Product"] == "television")
    #expect(harness.post(page, edited, as: sam).status == 403, "a form without what it showed is out of date")
  }

  /// A page shows a control character as U+FFFD (XML forbids it), and a browser sends that
  /// back: a value left as shown is no edit. Before 7 December 2026 a save that changed nothing
  /// wrote U+FFFD over a NUL the public form had kept (audit34 finding 6).
  @Test func aControlCharacterShownAsAReplacementIsAValueLeftAsShown() throws {
    let harness = try SupervisorHarness()
    // A value stored before the form refused a control character in a `string` (audit37 L5).
    let state = try harness.pages.api.store.storeUnchecked(
      harness.technical().id, fields: ["Customer_Name": "Ann\u{0}Null"], by: "alice", at: 120)
    let sam = try harness.signIn()
    let document = try PagesHarness.document(harness.get("/supervisor/cases/\(state.id)", as: sam))
    let name = try #require(document.element(id: "field-Customer_Name")?["value"])
    #expect(name == "Ann\u{FFFD}Null")
    let form = [
      ("Customer_Name", name), ("Customer_Email", "jane@example.com"), ("Product", "internet"),
      ("Problem_Description", "no signal"),
    ]
    let saved = harness.post("/supervisor/cases/\(state.id)", [try harness.shown(state.id, as: sam)] + form, as: sam)
    #expect(saved.status == 200)
    #expect(String(decoding: saved.body, as: UTF8.self).contains("Nothing was changed"))
    #expect(try harness.load(state.id).fields["Customer_Name"] == "Ann\u{0}Null")
    #expect(try harness.load(state.id).version == state.version)
  }

  /// A browser sends a text area's line breaks as CRLF, whatever it showed: a text left alone
  /// is neither rewritten with CRLF (before 6 December 2026 every save of the form did, a
  /// case.updated of the description with each change of another field) nor taken for an
  /// edit of a text changed meanwhile.
  @Test func aTextAreaSentBackWithCRLFIsAValueLeftAsShown() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical(["Problem_Description": "one\ntwo"])
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let form = [("Customer_Email", "jane@example.com"), ("Product", "internet"), ("Problem_Description", "one\r\ntwo")]
    let shown = try harness.shown(state.id, as: sam)
    #expect(harness.post(page, [shown, ("Customer_Name", "Jane Roe")] + form, as: sam).status == 303)
    var fields = try harness.load(state.id).fields
    #expect(fields["Customer_Name"] == "Jane Roe" && fields["Problem_Description"] == "one\ntwo")
    let again = try harness.shown(state.id, as: sam)
    _ = try harness.pages.api.store.at(SupervisorHarness.tuesday).update(
      state.id, fields: ["Problem_Description": "one\ntwo\nthree"], by: "sam")
    #expect(harness.post(page, [again, ("Customer_Name", "Jane Doe")] + form, as: sam).status == 303)
    fields = try harness.load(state.id).fields
    #expect(fields["Customer_Name"] == "Jane Doe" && fields["Problem_Description"] == "one\ntwo\nthree")
  }
}
