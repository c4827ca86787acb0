import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/desk` and its actions as functions (docs/server.md, "Desk"): each page read with the
/// strict HTML reader; each action through the use cases as the session's user, a refusal
/// shown in words with nothing changed, every POST refused without its session's CSRF field.
@Suite struct DeskPageTests {
  static let task = "FIN-2026-000001.1"

  /// The desk harness: the finance workgroup's users too.
  func harness() throws -> PagesHarness { try PagesHarness(users: APIEndpointTests.users) }

  /// An address change in English (a form task for employees_group), created through the API.
  func addressChange(_ harness: PagesHarness, at seconds: Int = 60) throws -> String {
    let url = BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/address_change.json")
    let fields = try String(contentsOf: url, encoding: .utf8).replacing(#""nl""#, with: #""en""#)
    let created = harness.api.send(
      "POST", "/api/v1/cases", #"{"type": "address_change", "fields": \#(fields)}"#, as: "alice", at: seconds)
    return try #require(created.json?.text("id"))
  }

  func history(_ harness: PagesHarness, _ id: String) throws -> Int {
    try harness.api.store.service.history(of: id).count
  }

  /// A signed-in user in no workgroup is told why the desk has nothing for them, on a staff
  /// page with the sign-out, where the customers' 503 "not available at the moment" said
  /// nothing (and offered no way out but the address bar).
  @Test func aUserInNoWorkgroupIsToldWhyOnAStaffPage() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users + ["nobody"])
    let nobody = try harness.signIn("nobody")
    let answer = harness.get("/desk", as: nobody)
    #expect(answer.status == 403)
    let page = try PagesHarness.document(answer)
    #expect(page.root.text.contains("Not available: user 'nobody' is in no workgroup and can do nothing."))
    #expect(page.root.text.contains("Signed in as nobody"))
    #expect(page.elements("form").contains { $0["action"] == "/signout" })
  }

  @Test func nextTakesATaskAndTheDeskListsItWithItsDueTimeInTheZoneChosen() throws {
    let harness = try harness()
    let id = try addressChange(harness)
    let alice = try harness.signIn("alice")
    let taken = harness.post("/desk/next", as: alice, at: 70)
    #expect(taken.status == 303 && taken.header("Location") == "/desk/cases/\(id)")
    let desk = try PagesHarness.document(harness.get("/desk", as: alice, at: 80))
    let item = try #require(desk.elements("ul").first { $0["class"] == "tasks" }?.all.first { $0.name == "li" })
    #expect(item.text.contains("Update the address · \(id)") && item.text.contains("CET"))
    #expect(desk.root.text.contains("Times are shown in each case's calendar zone."))
    #expect(harness.post("/desk/zone", [("zone", "UTC")], as: alice, at: 90).status == 303)
    let utc = try PagesHarness.document(harness.get("/desk", as: alice, at: 91))
    #expect(utc.root.text.contains("Times are shown in UTC."))
    let row = try #require(utc.elements("ul").first { $0["class"] == "tasks" }?.text)
    #expect(row.contains("UTC") && !row.contains("CET"))
    #expect(utc.element(id: "zone")?.all.first { $0["selected"] != nil }?["value"] == "UTC")
  }

  @Test func anOfferShowsItsTimeLeftAndARefusalOrAMissingCSRFFieldChangesNothing() throws {
    let harness = try harness()
    let gary = try harness.signIn("gary")
    #expect(harness.post("/desk/presence", [("state", "ready")], as: gary, at: 61).status == 303)
    _ = harness.api.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 70)
    let desk = try PagesHarness.document(harness.get("/desk", as: gary, at: 75))
    #expect(desk.element(id: "presence")?.text == "ready")
    let card = try #require(desk.element(id: "offer-\(Self.task)"))
    #expect(card.all.first { $0["class"] == "countdown" }?.text == "40 s")
    let before = try history(harness, "FIN-2026-000001")
    let bob = try harness.signIn("bob", at: 76)
    let refused = harness.post("/desk/tasks/\(Self.task)/accept", as: bob, at: 77)
    #expect(refused.status == 403)
    #expect(try PagesHarness.document(refused).elements("div").contains { $0["role"] == "alert" })
    #expect(harness.postForm("/desk/tasks/\(Self.task)/accept", [], cookie: gary.cookie, at: 78).status == 403)
    #expect(
      harness.postForm("/desk/tasks/\(Self.task)/accept", [("csrf", bob.token)], cookie: gary.cookie, at: 78).status
        == 403)
    #expect(try history(harness, "FIN-2026-000001") == before)
    let accepted = harness.post("/desk/tasks/\(Self.task)/accept", as: gary, at: 79)
    #expect(accepted.status == 303 && accepted.header("Location") == "/desk/cases/FIN-2026-000001")
    let page = try PagesHarness.document(harness.get("/desk/cases/FIN-2026-000001", as: gary, at: 80))
    let task = try #require(page.element(id: "task-\(Self.task)"))
    #expect(task.text.contains("held by gary") && task.all.contains { $0["name"] == "outcome" })
    #expect(page.elements("li").contains { $0.text.contains("accepted") })
  }

  @Test func aDeclinedOfferLeavesTheDeskWithItsReasonInTheHistory() throws {
    let harness = try harness()
    let gary = try harness.signIn("gary")
    _ = harness.post("/desk/presence", [("state", "ready")], as: gary, at: 61)
    _ = harness.api.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 70)
    let declined = harness.post("/desk/tasks/\(Self.task)/decline", [("reason", "busy")], as: gary, at: 72)
    #expect(declined.status == 303 && declined.header("Location") == "/desk")
    let desk = try PagesHarness.document(harness.get("/desk", as: gary, at: 73))
    #expect(desk.element(id: "offer-\(Self.task)") == nil)
    let page = try PagesHarness.document(harness.get("/desk/cases/FIN-2026-000001", as: gary, at: 74))
    #expect(page.elements("li").contains { $0.text.contains("declined (busy)") })
  }

  /// Stop 35: a break taken from the desk withdraws the offer standing there at once; the
  /// case's history says whose it was and where they went.
  @Test func aBreakFromTheDeskWithdrawsItsOfferAndTheHistorySaysWhy() throws {
    let harness = try harness()
    let gary = try harness.signIn("gary")
    _ = harness.post("/desk/presence", [("state", "ready")], as: gary, at: 61)
    _ = harness.api.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 70)
    #expect(try PagesHarness.document(harness.get("/desk", as: gary, at: 71)).element(id: "offer-\(Self.task)") != nil)
    _ = harness.post("/desk/presence", [("state", "not_ready:break")], as: gary, at: 72)
    let desk = try PagesHarness.document(harness.get("/desk", as: gary, at: 73))
    #expect(desk.element(id: "offer-\(Self.task)") == nil)
    let page = try PagesHarness.document(harness.get("/desk/cases/FIN-2026-000001", as: gary, at: 74))
    #expect(page.elements("li").contains { $0.text.contains("taken back from gary, now not_ready (break)") })
  }

  @Test func completingWithInvalidValuesKeepsThemBesideTheirMessagesAndValidOnesComplete() throws {
    let harness = try harness()
    let id = try addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let path = "/desk/tasks/\(id).1/complete"
    let invalid = harness.post(
      path, [("outcome", "updated"), ("Postal_Code", "abc"), ("Municipality", "<b>Gent</b>")], as: alice, at: 71)
    #expect(invalid.status == 422)
    let page = try PagesHarness.document(invalid)
    let postal = try #require(page.element(id: "field-Postal_Code"))
    #expect(postal["aria-invalid"] == "true" && postal["value"] == "abc")
    #expect(page.element(id: "field-Municipality")?["value"] == "<b>Gent</b>")
    #expect(page.elements("div").contains { $0["role"] == "alert" })
    #expect(try harness.api.store.service.load(id).task("\(id).1")?.status == .assigned)
    let valid = harness.post(
      path,
      [
        ("outcome", "updated"), ("Postal_Code", "9000"), ("Municipality", "Gent"), ("Address_Checked", "true"),
        ("Transfer_Date", "2026-04-01"),
      ], as: alice, at: 72)
    #expect(valid.status == 303 && valid.header("Location") == "/desk")
    let state = try harness.api.store.service.load(id)
    #expect(state.task("\(id).1")?.status == .completed && state.fields["Postal_Code"] == "9000")
  }

  /// An outcome that cannot be an id is the form's mistake, 422 with the case page again and
  /// nothing changed, as the JSON body's `outcome` is 422; a well-formed one the task does not
  /// have is the use case's 404, as in the API. Until 7 December 2026 both were 404.
  @Test func anOutcomeThatCannotBeAnIDIs422AndChangesNothing() throws {
    let harness = try harness()
    let id = try addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let path = "/desk/tasks/\(id).1/complete"
    let before = try harness.api.store.service.load(id)
    for (outcome, problem) in [
      ("", "choose the outcome"), ("a/b", "the outcome contains '/'"),
      ("x\u{7}y", "the outcome contains a control character"),
      (String(repeating: "a", count: 129), "the outcome is longer than 128 bytes"),
    ] {
      let answer = harness.post(path, [("outcome", outcome)], as: alice, at: 71)
      #expect(answer.status == 422, "\(outcome.prefix(8))")
      let page = try PagesHarness.document(answer)
      #expect(page.root.text.contains("Not done: \(problem)."), "\(outcome.prefix(8))")
    }
    #expect(harness.post(path, [("outcome", "nothing")], as: alice, at: 71).status == 404)
    #expect(try harness.api.store.service.load(id) == before)
  }

  @Test func pendResumeAndEscalateRunAsTheSessionsUser() throws {
    let harness = try harness()
    let id = try addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    #expect(harness.post("/desk/cases/\(id)/pend", as: alice, at: 71).status == 303)
    #expect(try harness.api.store.service.load(id).status == .pending)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 72))
    #expect(page.element(id: "case-status")?.text == "pending")
    #expect(page.elements("li").contains { $0.text.contains("Case put on hold") })
    #expect(harness.post("/desk/cases/\(id)/resume", as: alice, at: 73).status == 303)
    #expect(try harness.api.store.service.load(id).status != .pending)
    #expect(harness.post("/desk/tasks/\(id).1/escalate", as: alice, at: 74).status == 303)
    #expect(try harness.api.store.service.load(id).task("\(id).1")?.status == .escalated)
  }

  @Test func theCasePageShowsDataHistoryAndAttachmentsOnlyAsDownloads() throws {
    let harness = try harness()
    let long = String(repeating: "Wolfeschlegelsteinhausenbergerdorff", count: 6).prefix(200)
    let name = #""><img src=x onerror=alert(1)>.pdf"#
    let reply = try PagesHarness.document(
      harness.post(
        PagesHarness.form(name: String(long)), files: [(name, Array("%PDF-1.4".utf8))], visit: try harness.open()))
    let id = try #require(reply.element(id: "reference")?.text)
    let alice = try harness.signIn("alice")
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice))
    #expect(page.elements("dd").contains { $0.text == String(long) })
    #expect(page.elements("img").isEmpty)
    let history = page.elements("ol").first { $0["class"] == "history" }?.text ?? ""
    #expect(history.contains("Case \(id) opened") && history.contains("File '\(name)' attached"))
    let link = try #require(page.elements("a").first { $0.text == name })
    #expect(link["href"] == "/desk/cases/\(id)/attachments/1" && link["download"] != nil)
    let file = harness.get("/desk/cases/\(id)/attachments/1", as: alice)
    #expect(file.status == 200 && file.body == Array("%PDF-1.4".utf8))
    #expect(
      file.header("Content-Disposition")?.hasPrefix("attachment; filename=\"_><img src=x onerror=alert(1)>.pdf\"")
        == true)
    #expect(file.header("Content-Type") == "application/octet-stream")
    #expect(file.header("X-Content-Type-Options") == "nosniff")
    #expect(harness.get("/desk/cases/\(id)/attachments/2", as: alice).status == 404)
    // A long word wraps: the page's body breaks words anywhere, and a value sits in a grid
    // column that may shrink.
    let css = String(decoding: harness.send("GET", "/pages.css").body, as: UTF8.self)
    #expect(css.contains("overflow-wrap: anywhere") && css.contains("grid-template-columns: max-content 1fr"))
    #expect(css.contains("nav.staff .who { flex: 1 1 10rem; color: var(--muted); min-width: 0; }"))
  }

  @Test func thePresenceSwitchTakesTheDefinedReasonsAndRefusesOthers() throws {
    let harness = try harness()
    let gary = try harness.signIn("gary")
    let reasons = try PagesHarness.document(harness.get("/desk", as: gary)).element(id: "presence-state")?.all
      .compactMap { $0["value"] }
    #expect(reasons == ["ready", "not_ready:break", "not_ready:training", "not_ready:coaching", "logged_off"])
    #expect(harness.post("/desk/presence", [("state", "not_ready:break")], as: gary, at: 61).status == 303)
    let desk = try PagesHarness.document(harness.get("/desk", as: gary, at: 62))
    #expect(desk.element(id: "presence")?.text == "not ready break")
    #expect(desk.element(id: "presence-state")?.all.first { $0["selected"] != nil }?["value"] == "not_ready:break")
    let refused = harness.post("/desk/presence", [("state", "not_ready:nap")], as: gary, at: 63)
    #expect(refused.status == 422)
    #expect(try PagesHarness.document(refused).element(id: "presence")?.text == "not ready break")
    #expect(harness.post("/desk/presence", [("state", "asleep")], as: gary, at: 64).status == 422)
  }

  @Test func aCasesValuesAndInteractionsShowAsText() throws {
    let harness = try harness()
    let script = "<script>alert(1)</script>"
    var form = PagesHarness.form()
    form[3] = ("Problem_Description", script)
    let reply = try PagesHarness.document(harness.post(form, visit: try harness.open()))
    let id = try #require(reply.element(id: "reference")?.text)
    _ = try harness.api.store.service.with(clock: FixedClock(RepositoryUnderTest.monday.adding(seconds: 61)))
      .execute(.link(interaction: "phone:\(script)"), onCase: id, by: "alice")
    let alice = try harness.signIn("alice")
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice))
    #expect(page.elements("dd").contains { $0.text == script })
    let interactions = try #require(page.element(id: "section-interactions"))
    #expect(interactions.text == "Interactions")
    #expect(page.elements("li").contains { $0.text == "phone:\(script)" })
  }

  /// A text field's line breaks reach the page and the style keeps them in a case's details:
  /// a customer's description in paragraphs ran together on the desk as one line.
  @Test func aTextFieldKeepsItsLineBreaksOnTheDesk() throws {
    let harness = try harness()
    let text = "It drops at eight.\n\nIt comes back at ten."
    var form = PagesHarness.form()
    form[3] = ("Problem_Description", text)
    let reply = try PagesHarness.document(harness.post(form, visit: try harness.open()))
    let id = try #require(reply.element(id: "reference")?.text)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: try harness.signIn("alice")))
    #expect(page.elements("dd").contains { $0.text == text })
    let style = String(decoding: harness.send("GET", "/pages.css").body, as: UTF8.self)
    #expect(style.contains(".card dd { margin: 0; white-space: pre-line; }"))
  }

  @Test func theLiveOffersScriptIsServedAndTheEventsNeedASession() throws {
    let harness = try harness()
    let gary = try harness.signIn("gary")
    let desk = harness.get("/desk", as: gary)
    let policy = try #require(desk.header("Content-Security-Policy"))
    #expect(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'") && !policy.contains("unsafe"))
    #expect(try PagesHarness.document(desk).elements("script").map { $0["src"] } == ["/assets/desk.js"])
    let script = harness.send("GET", "/assets/desk.js")
    #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
    #expect(String(decoding: script.body, as: UTF8.self).contains(#"new EventSource("/desk/events")"#))
    let events = harness.get("/desk/events", as: gary)
    #expect(events.header("Content-Type") == "text/event-stream" && events.stream != nil)
    #expect(harness.send("GET", "/desk/events").status == 303)
    // The stream ends at the poll after its session does (signed out here), and its polls
    // do not keep an idle session alive: one unused for an hour ends its stream too.
    let stream = try #require(events.stream)
    #expect(stream.next(at: RepositoryUnderTest.monday.adding(seconds: 61)) != nil)
    _ = harness.post("/signout", as: gary, at: 62)
    #expect(stream.next(at: RepositoryUnderTest.monday.adding(seconds: 63)) == nil)
    let fiona = try harness.signIn("fiona", at: 100)
    let idle = try #require(harness.get("/desk/events", as: fiona, at: 100).stream)
    #expect(idle.next(at: RepositoryUnderTest.monday.adding(seconds: 100 + 3_000)) != nil)
    #expect(idle.next(at: RepositoryUnderTest.monday.adding(seconds: 100 + 3_600)) == nil)
  }

  /// The desk's 405s name the methods its route table has for the path: a POST-only action
  /// answers `Allow: POST`, a GET-only page `Allow: GET`, and a path the table lacks is 404
  /// whatever the method.
  @Test func anotherMethodIs405WithTheMethodsTheRouteTableHasForThePath() throws {
    let harness = try harness()
    let gary = try harness.signIn("gary")
    func send(_ method: String, _ path: String) -> HTTPResponse {
      harness.send(method, path, headers: ["Cookie": gary.cookie])
    }
    for path in ["/desk/next", "/desk/presence", "/desk/tasks/FIN-2026-000001.1/accept", "/desk/cases/FIN-1/pend"] {
      let answer = send("GET", path)
      #expect(answer.status == 405 && answer.header("Allow") == "POST, OPTIONS", "GET \(path)")
      #expect(send("DELETE", path).header("Allow") == "POST, OPTIONS", "DELETE \(path)")
    }
    for path in ["/desk", "/desk/events", "/desk/cases/FIN-1", "/desk/cases/FIN-1/attachments/a.pdf"] {
      let answer = send("PUT", path)
      #expect(answer.status == 405 && answer.header("Allow") == "GET, HEAD, OPTIONS", "PUT \(path)")
    }
    let posted = harness.post("/desk/cases/FIN-1", as: gary)
    #expect(posted.status == 405 && posted.header("Allow") == "GET, HEAD, OPTIONS")
    #expect(send("GET", "/desk/nothing").status == 404 && send("POST", "/desk/tasks/X.1/nothing").status == 404)
  }
}

/// A pending case whose SLA pauses shows its SLA as paused on the desk, as `case show` does;
/// it showed "Due …" as if the clock ran.
@Suite struct DeskPausedSLATests {
  @Test func aPendingCaseWithAPausedSLAShowsItPaused() throws {
    let harness = try PagesHarness()
    let id = try #require(harness.api.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let alice = try harness.signIn("alice")
    func facts(at seconds: Int) throws -> [String] {
      try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: seconds)).elements("dt").map(\.text)
    }
    #expect(try facts(at: 70).contains("Due"))
    _ = harness.post("/desk/next", as: alice, at: 71)
    #expect(harness.post("/desk/cases/\(id)/pend", as: alice, at: 72).status == 303)
    #expect(try harness.api.store.service.load(id).status == .pending)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 80))
    #expect(!page.elements("dt").contains { $0.text == "Due" })
    #expect(page.elements("dd").contains { $0.text.hasPrefix("paused (due ") && $0.text.hasSuffix(" if taken up now)") })
  }
}
