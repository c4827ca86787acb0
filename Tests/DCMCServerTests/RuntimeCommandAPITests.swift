import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// The endpoints of `case cancel|attach|link`, `task open|reassign|set|reschedule` and
/// `customer status-link` (issue 18, SPEC section 17: every runtime command has one): each
/// answers what the CLI's `--json` prints (the case's or the task's JSON, made by the same
/// views from the state after) and refuses as the CLI refuses, with no socket.
@Suite struct RuntimeCommandAPITests {
  /// A technical case made by alice at 09:01 Monday; its id.
  func created(_ harness: APIHarness) throws -> String {
    let made = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    #expect(made.status == 201)
    return try #require(made.json?.text("id"))
  }

  /// The case's JSON as `case show --json` prints it, at `seconds` after Monday 09:00.
  func caseJSON(_ harness: APIHarness, _ id: String, at seconds: Int) throws -> JSONValue {
    let service = harness.store.service.with(clock: FixedClock(RepositoryUnderTest.monday.adding(seconds: seconds)))
    return try service.view(try service.load(id)).json
  }

  /// The task's JSON as `task ... --json` prints it.
  func taskJSON(_ harness: APIHarness, _ task: String) throws -> JSONValue {
    let state = try harness.store.service.load(String(task.prefix { $0 != "." }))
    return TaskView(try #require(state.task(task)), of: state).json
  }

  @Test func aSupervisorCancelsACaseAndAnotherUserMayNot() throws {
    let harness = try APIHarness()
    let id = try created(harness)
    let refused = harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "alice", at: 100)
    #expect(refused.status == 403)
    #expect(refused.json?.text("detail") == "'alice' supervises none of the case's targets and may not cancel the case")
    #expect(harness.send("POST", "/api/v1/cases/TEC-999999/cancel", as: "sam", at: 110).status == 404)
    let cancelled = harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "sam", at: 120)
    #expect(cancelled.status == 200 && cancelled.json?.text("status") == "cancelled")
    #expect(try cancelled.json?.compact() == caseJSON(harness, id, at: 120).compact())
    #expect(harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "sam", at: 130).status == 409)
  }

  /// `Idempotency-Key` is the API's, on every POST: a cancel retried with its key is answered
  /// as the first was, not refused as a second cancel of a cancelled case.
  @Test func aCancelRetriedWithItsIdempotencyKeyIsAnsweredAsTheFirst() throws {
    let harness = try APIHarness()
    let id = try created(harness)
    let key = ["Idempotency-Key": "cancel-1"]
    let first = harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "sam", at: 120, headers: key)
    let again = harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "sam", at: 130, headers: key)
    #expect(first.status == 200 && again.status == 200 && again.response.body == first.response.body)
    #expect(harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "sam", at: 140).status == 409)
  }

  @Test func aFileIsAttachedFromBase64() throws {
    let harness = try APIHarness()
    let id = try created(harness)
    let path = "/api/v1/cases/\(id)/attachments"
    // "hello, world\n" in base64.
    let note = #"{"name": "note.txt", "content": "aGVsbG8sIHdvcmxkCg=="}"#
    #expect(harness.send("POST", path, note, as: "mallory", at: 100).status == 403)
    #expect(harness.send("POST", "/api/v1/cases/TEC-999999/attachments", note, as: "alice", at: 100).status == 404)
    for (body, field) in [
      (#"{"name": "note.txt", "content": "aGVsbG8"}"#, "content"),
      (#"{"name": "note.txt", "content": "aGVsbG9=="}"#, "content"),
      (#"{"name": "../note.txt", "content": ""}"#, "name"),
      (#"{"name": "note.txt"}"#, "content"),
      (#"{"name": "note.txt", "content": "", "size": 3}"#, "size"),
    ] {
      let invalid = harness.send("POST", path, body, as: "alice", at: 110)
      #expect(invalid.status == 422, "\(body)")
      #expect(invalid.json?["errors"]?.elements.first?.text("field") == field, "\(body)")
    }
    // An empty name was given, and is said to be empty, not left out ("'name' is required").
    let empty = harness.send("POST", path, #"{"name": "", "content": ""}"#, as: "alice", at: 110)
    #expect(empty.status == 422 && empty.json?["errors"]?.elements.first?.text("detail") == "'name' is empty; give a value")
    #expect(try harness.store.service.load(id).attachments.isEmpty)
    let attached = harness.send("POST", path, note, as: "alice", at: 120)
    #expect(attached.status == 200)
    #expect(attached.json?["attachments"]?.elements.map { $0.text("name") } == ["note.txt"])
    #expect(attached.json?["attachments"]?.elements.first?.text("size") == "13")
    #expect(try attached.json?.compact() == caseJSON(harness, id, at: 120).compact())
  }

  @Test func anInteractionIsLinkedAndACaseWithACustomerIsNotLinkedAgain() throws {
    let harness = try APIHarness()
    let id = try created(harness)
    let path = "/api/v1/cases/\(id)/links"
    let call = #"{"interaction": "phone:call-20260302-0042"}"#
    #expect(harness.send("POST", path, call, as: "mallory", at: 100).status == 403)
    #expect(harness.send("POST", "/api/v1/cases/TEC-999999/links", call, as: "alice", at: 100).status == 404)
    // Control and bidirectional formatting characters are refused as ids' are: the staff pages
    // and exports would show them as written.
    let hostile = [#"{"interaction": "a\u0000:b"}"#, #"{"interaction": "phone:\u001b[31mRED"}"#, #"{"interaction": "\u202Ephone:x"}"#]
    for body in ["{}", #"{"interaction": "call-42"}"#, #"{"interaction": "phone:1", "customer": "CUS-000001"}"#] + hostile {
      #expect(harness.send("POST", path, body, as: "alice", at: 110).status == 422, "\(body)")
    }
    let linked = harness.send("POST", path, call, as: "alice", at: 120)
    #expect(try linked.status == 200 && linked.json?.compact() == caseJSON(harness, id, at: 120).compact())
    let history = harness.send("GET", "/api/v1/cases/\(id)/history", as: "alice", at: 130)
    #expect(String(decoding: history.response.body, as: UTF8.self).contains("phone:call-20260302-0042"))
    // The case's customer was found from its email: linking it again is a conflict.
    let customer = try #require(linked.json?.text("customer"))
    #expect(harness.send("POST", path, #"{"customer": "\#(customer)"}"#, as: "alice", at: 140).status == 403)
    #expect(harness.send("POST", path, #"{"customer": "\#(customer)"}"#, as: "sam", at: 140).status == 409)
  }

  @Test func aClaimedTaskIsOpenedByItsHolderOnly() throws {
    let harness = try APIHarness()
    let task = try created(harness) + ".1"
    #expect(harness.send("POST", "/api/v1/tasks/\(task)/claim", as: "alice", at: 100).status == 200)
    #expect(harness.send("POST", "/api/v1/tasks/\(task)/open", as: "bob", at: 110).status == 403)
    #expect(harness.send("POST", "/api/v1/tasks/TEC-999999.1/open", as: "alice", at: 110).status == 404)
    let opened = harness.send("POST", "/api/v1/tasks/\(task)/open", as: "alice", at: 120)
    #expect(opened.status == 200 && opened.json?.text("status") == "working")
    #expect(try opened.json?.compact() == taskJSON(harness, task).compact())
  }

  @Test func aSupervisorReassignsATaskToAnotherWorkbin() throws {
    let harness = try APIHarness()
    let task = try created(harness) + ".1"
    let path = "/api/v1/tasks/\(task)/reassign"
    let experts = #"{"target": "expert_group_x"}"#
    #expect(harness.send("POST", path, experts, as: "alice", at: 100).status == 403)
    #expect(harness.send("POST", "/api/v1/tasks/TEC-999999.1/reassign", experts, as: "sam", at: 100).status == 404)
    let missing = harness.send("POST", path, "{}", as: "sam", at: 110)
    #expect(missing.status == 422 && missing.json?["errors"]?.elements.first?.text("field") == "target")
    let moved = harness.send("POST", path, experts, as: "sam", at: 120)
    #expect(moved.status == 200 && moved.json?.text("target") == "expert_group_x")
    #expect(try moved.json?.compact() == taskJSON(harness, task).compact())
  }

  @Test func aSupervisorSetsATasksPriorityOrItsOLA() throws {
    let harness = try APIHarness()
    let task = try created(harness) + ".1"
    let path = "/api/v1/tasks/\(task)"
    #expect(harness.send("PATCH", path, #"{"priority": 90}"#, as: "alice", at: 100).status == 403)
    #expect(harness.send("PATCH", "/api/v1/tasks/TEC-999999.1", #"{"priority": 90}"#, as: "sam", at: 100).status == 404)
    for body in [
      "{}", #"{"priority": 101}"#, #"{"priority": "urgent"}"#, #"{"priority": true}"#, #"{"ola": "soon"}"#,
      #"{"ola": "0h"}"#, #"{"priority": 50, "ola": "2d"}"#,
    ] {
      #expect(harness.send("PATCH", path, body, as: "sam", at: 110).status == 422, "\(body)")
    }
    #expect(try taskJSON(harness, task).text("priority") != "90")
    let raised = harness.send("PATCH", path, #"{"priority": 90}"#, as: "sam", at: 120)
    #expect(raised.status == 200 && raised.json?.text("priority") == "90")
    #expect(harness.send("PATCH", path, #"{"priority": "high"}"#, as: "sam", at: 130).json?.text("priority") == "75")
    let replanned = harness.send("PATCH", path, #"{"ola": "2d"}"#, as: "sam", at: 140)
    // Two business days of office_brussels from Monday 09:02:20 (16 office hours).
    #expect(replanned.status == 200 && replanned.json?.text("ola_due") == "2026-03-04T08:02:20Z")
    #expect(try replanned.json?.compact() == taskJSON(harness, task).compact())
  }

  @Test func aTaskIsRescheduledByItsHolder() throws {
    let harness = try APIHarness()
    let task = try created(harness) + ".1"
    let path = "/api/v1/tasks/\(task)/reschedule"
    let until = #"{"until": "2026-03-03T09:00:00+01:00"}"#
    #expect(harness.send("POST", "/api/v1/tasks/\(task)/claim", as: "alice", at: 100).status == 200)
    #expect(harness.send("POST", path, until, as: "bob", at: 110).status == 403)
    #expect(harness.send("POST", "/api/v1/tasks/TEC-999999.1/reschedule", until, as: "alice", at: 110).status == 404)
    for body in ["{}", #"{"until": "tomorrow"}"#, #"{"until": "2026-03-03T09:00:00"}"#] {
      let invalid = harness.send("POST", path, body, as: "alice", at: 115)
      #expect(invalid.status == 422 && invalid.json?["errors"]?.elements.first?.text("field") == "until", "\(body)")
    }
    let moved = harness.send("POST", path, until, as: "alice", at: 120)
    #expect(moved.status == 200 && moved.json?.text("status") == "scheduled")
    #expect(moved.json?.text("scheduled_until") == "2026-03-03T08:00:00Z")
    #expect(try moved.json?.compact() == taskJSON(harness, task).compact())
  }

  @Test func aStatusLinkIsIssuedOnceAndRevoked() throws {
    let harness = try APIHarness()
    let id = try created(harness)
    let customer = try #require(try harness.store.service.load(id).customer)
    let path = "/api/v1/customers/\(customer)/status-links"
    #expect(harness.send("POST", path, "{}", as: "mallory", at: 100).status == 403)
    #expect(harness.send("POST", "/api/v1/customers/CUS-999999/status-links", "{}", as: "alice", at: 100).status == 404)
    #expect(harness.send("POST", path, #"{"url": 3}"#, as: "alice", at: 100).status == 422)
    // A link is sent to customers: an address that is not http(s), or with a line break, is
    // refused and no link is made (stop 31's audit; the revocation below counts one link).
    for url in [#"javascript:alert(1)//"#, #"https://help.example/\nBcc: x"#, "ftp://files.example"] {
      let refused = harness.send("POST", path, "{\"url\": \"\(url)\"}", as: "alice", at: 110)
      #expect(refused.status == 422 && refused.json?.text("detail")?.hasPrefix("'url': an http:// or https://") == true, "\(url)")
    }
    let issued = harness.send("POST", path, #"{"url": "https://help.example.com/"}"#, as: "alice", at: 120)
    #expect(issued.status == 201 && issued.json?.text("customer") == customer)
    let link = try #require(issued.json?.text("link"))
    #expect(link.hasPrefix("https://help.example.com/status/"))
    let links = try #require(harness.store.repository as? any StatusLinkRepository)
    let service = StatusLinkService(links: links, cases: harness.store.service)
    let text = String(link.dropFirst("https://help.example.com/status/".count))
    #expect(try service.customer(ofLink: text) == customer)
    #expect(harness.send("DELETE", path, as: "mallory", at: 130).status == 403)
    let revoked = harness.send("DELETE", path, as: "alice", at: 140)
    #expect(revoked.status == 200 && revoked.json?.text("revoked") == "1")
    #expect(try service.customer(ofLink: text) == nil)
  }

  @Test func base64IsDecodedStrictly() {
    #expect(Base64.decode("aGVsbG8=").map { String(decoding: $0, as: UTF8.self) } == "hello")
    #expect(Base64.decode("aGVsbA==").map { String(decoding: $0, as: UTF8.self) } == "hell")
    #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
    #expect(Base64.decode("") == [])
    for text in ["aGVsbG8", "aGVsbG9=", "aGVsbB==", "a=b=", "====", "aGVs\nbG8=", "aG=sbG8=", "aGVsbG-_"] {
      #expect(Base64.decode(text) == nil, "\(text)")
    }
  }
}
