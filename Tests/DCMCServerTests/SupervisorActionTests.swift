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
    let visit = try harness.visit(page)
    let assigned = harness.post("\(page)/assign", [("to", "bob")], visit: visit)
    #expect(assigned.status == 303 && assigned.header("Location") == "\(page)?done=assign")
    #expect(try harness.load(state.id).task(task)?.assignee == "bob")
    let done = try PagesHarness.document(harness.get(page, query: ["done": "assign"]))
    #expect(done.root.all.first { $0["role"] == "status" }?.text == "The task is assigned.")
    #expect(harness.post("\(page)/priority", [("priority", "90")], visit: visit).status == 303)
    #expect(harness.post("\(page)/ola", [("days", "2"), ("hours", "")], visit: visit).status == 303)
    #expect(harness.post("\(page)/reassign", [("target", "expert_group_x")], visit: visit).status == 303)
    let after = try #require(try harness.load(state.id).task(task))
    #expect(after.priority == 90 && after.target == "expert_group_x" && after.assignee == nil)
    // Two business days of office_brussels from Tuesday 11:00 (16 office hours).
    #expect(after.olaDue == Timestamp("2026-03-05T11:00:00+01:00")?.instant)
  }

  @Test func aRescheduleIsReadInTheViewersZone() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    for (zone, expected) in [("Europe/Brussels", "2026-03-04T08:30:00Z"), ("UTC", "2026-03-04T09:30:00Z")] {
      let visit = try harness.visit(page)
      let moved = harness.post("\(page)/reschedule", [("until", "2026-03-04T09:30")], visit: visit, query: ["zone": zone])
      #expect(moved.status == 303 && moved.header("Location") == "\(page)?zone=\(zone)&done=reschedule")
      #expect(try harness.load(state.id).task("\(state.id).1")?.scheduledUntil?.description == expected)
    }
  }

  @Test func aRefusedChangeIsShownAndChangesNothing() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let visit = try harness.visit(page)
    let version = try harness.load(state.id).version
    // mallory is in no workgroup; an OLA of nothing; a reschedule with no time.
    let refused = [
      harness.post("\(page)/assign", [("to", "mallory")], visit: visit),
      harness.post("\(page)/ola", [("days", "0"), ("hours", "0")], visit: visit),
      harness.post("\(page)/priority", [("priority", "high")], visit: visit),
      harness.post("\(page)/reschedule", [("until", "tomorrow")], visit: visit),
    ]
    #expect(refused.map(\.status) == [404, 422, 422, 422])
    let message = try PagesHarness.document(refused[0]).root.all.first { $0["role"] == "alert" }?.text
    #expect(message?.contains("mallory") == true)
    #expect(try harness.load(state.id).version == version)
  }

  @Test func aChangeWithoutTheCSRFTokenOrWithAnotherVisitsIsRefused() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let visit = try harness.visit(page)
    let other = try harness.visit(page, at: SupervisorHarness.tuesday + 1)
    #expect(visit.cookie != other.cookie)
    let forged = PagesHarness.Visit(cookie: visit.cookie, token: other.token)
    let answers = [
      harness.post("\(page)/assign", [("to", "bob")], visit: nil),
      harness.post("\(page)/assign", [("to", "bob")], visit: forged),
    ]
    #expect(answers.map(\.status) == [403, 403])
    #expect(try harness.load(state.id).task("\(state.id).1")?.assignee == nil)
    let cookie = try #require(harness.get(page).header("Set-Cookie"))
    #expect(cookie.contains("Path=/supervisor") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
  }

  @Test func anAdvisorCannotUseTheSupervisorsForms() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let visit = try harness.visit(page)
    let answer = harness.post("\(page)/assign", [("to", "alice")], visit: visit, as: "alice")
    #expect(answer.status == 403)
    #expect(try harness.load(state.id).task("\(state.id).1")?.assignee == nil)
  }

  @Test func caseDataIsValidatedWithTheValidatorsMessagesAndKeptOnError() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/cases/\(state.id)"
    let visit = try harness.visit(page)
    let fields = [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Product", "internet"),
      ("Problem_Description", "no signal at all"), ("Membership_No", "bad"),
    ]
    let invalid = harness.post(page, fields, visit: visit)
    #expect(invalid.status == 422)
    let document = try PagesHarness.document(invalid)
    let input = try #require(document.element(id: "field-Membership_No"))
    #expect(input["value"] == "bad" && input["aria-invalid"] == "true")
    let error = try #require(input["aria-describedby"]?.split(separator: " ").last.map(String.init))
    #expect(document.element(id: error)?.text == "'Membership_No' does not match the pattern '^M[0-9]{8}$'")
    #expect(document.element(id: "field-Problem_Description")?.text == "no signal at all")
    #expect(try harness.load(state.id).fields["Membership_No"] == nil)
    let valid = harness.post(page, fields.dropLast() + [("Membership_No", "M12345678")], visit: visit)
    #expect(valid.status == 303 && valid.header("Location") == "\(page)?saved=1")
    let saved = try harness.load(state.id)
    #expect(saved.fields["Membership_No"] == "M12345678" && saved.fields["Problem_Description"] == "no signal at all")
  }
}
