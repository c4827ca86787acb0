import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// `Idempotency-Key` on POSTs and PATCHes (SPEC section 17, the IETF draft, Stripe's rules), without a
/// socket: replays, reuse, expiry, the store's request id across a restart, and the bounds.
@Suite struct IdempotencyTests {
  func keyed(_ key: String) -> [String: String] { ["Idempotency-Key": key] }

  @Test func aRetryWithTheSameKeyGetsTheFirstResponseAndMakesNoSecondCase() throws {
    let harness = try APIHarness()
    let first = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: keyed("k-1"))
    #expect(first.status == 201 && first.response.header("Idempotent-Replayed") == nil)
    let retry = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: 90, headers: keyed("k-1"))
    #expect(retry.status == 201)
    #expect(retry.response.body == first.response.body)
    #expect(retry.response.header("Idempotent-Replayed") == "true")
    // The draft's quoted form names the same key.
    let quoted = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: keyed("\"k-1\""))
    #expect(quoted.response.header("Idempotent-Replayed") == "true")
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 1)
  }

  @Test func theSameKeyWithAnotherRequestIs422AndAnotherUsersKeyIsItsOwn() throws {
    let harness = try APIHarness()
    let id = try #require(
      harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: keyed("k-1")).json?.text("id"))
    let otherBody = harness.send(
      "POST", "/api/v1/cases", APIHarness.form.replacingOccurrences(of: "no signal", with: "slow"), as: "alice",
      headers: keyed("k-1"))
    #expect(otherBody.status == 422 && otherBody.json?.text("code") == "idempotency_key_reused")
    let otherPath = harness.send("POST", "/api/v1/cases/\(id)/pend", as: "alice", headers: keyed("k-1"))
    #expect(otherPath.status == 422 && otherPath.json?.text("code") == "idempotency_key_reused")
    let bob = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "bob", headers: keyed("k-1"))
    #expect(bob.status == 201 && bob.json?.text("id") != id)
  }

  /// audit33 finding 7: a body's `request_id` reused for another request is 422
  /// `request_id_reused` naming the member, as a reused key is 422 (until 7 December 2026 it
  /// was 409 `wrong_state`); and it is its user's, as a key is: bob's create with alice's id,
  /// her very form, is refused the same way and told nothing of her case (until then he got it).
  @Test func aReusedRequestIDIs422AndAnotherUsersIsRefusedUnnamed() throws {
    let harness = try APIHarness(users: ["alice", "bob"])
    let form = "{\"request_id\": \"r1\", " + APIHarness.form.dropFirst()
    let id = try #require(harness.send("POST", "/api/v1/cases", form, as: "alice").json?.text("id"))
    #expect(harness.send("POST", "/api/v1/cases", form, as: "alice", at: 60).json?.text("id") == id)
    let otherForm = harness.send(
      "POST", "/api/v1/cases", form.replacingOccurrences(of: "no signal", with: "slow"), as: "alice", at: 90)
    let bobs = harness.send("POST", "/api/v1/cases", form, as: "bob", at: 120)
    for (answer, detail) in [
      (otherForm, "request 'r1' created case '\(id)' from another case type or form"),
      (bobs, "request 'r1' was used by another user; give a request id of your own"),
    ] {
      #expect(answer.status == 422 && answer.json?.text("code") == "request_id_reused")
      #expect(answer.json?.text("detail") == detail)
      let errors = answer.json?["errors"]?.elements ?? []
      #expect(errors.count == 1 && errors.first?.text("field") == "request_id")
    }
    #expect(!String(decoding: bobs.response.body, as: UTF8.self).contains(id))
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 1)
    // A customer's request id alike.
    let jane = #"{"name": "Jane Doe", "email": "jane.doe@example.com", "request_id": "c1"}"#
    #expect(harness.send("POST", "/api/v1/customers", jane, as: "alice", at: 150).status == 201)
    for (body, user) in [(#"{"name": "John", "request_id": "c1"}"#, "alice"), (jane, "bob")] {
      let answer = harness.send("POST", "/api/v1/customers", body, as: user, at: 180)
      #expect(answer.status == 422 && answer.json?.text("code") == "request_id_reused", "\(user)")
      #expect(answer.json?["errors"]?.elements.first?.text("field") == "request_id")
    }
  }

  @Test func aRefusalIsKeptAsTheAnswerUntilTheKeyExpiresAfter24Hours() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let (pend, resume) = ("/api/v1/cases/\(id)/pend", "/api/v1/cases/\(id)/resume")
    #expect(harness.send("POST", pend, as: "alice", at: 100, headers: keyed("p")).status == 200)
    // The case is pending now; the retry gets the kept 200, not the 409 a second pend gets.
    let retry = harness.send("POST", pend, as: "alice", at: 200, headers: keyed("p"))
    #expect(retry.status == 200 && retry.response.header("Idempotent-Replayed") == "true")
    // A refusal is kept too: once the case is resumed, the retry still gets the 409.
    #expect(harness.send("POST", pend, as: "alice", at: 300, headers: keyed("q")).status == 409)
    #expect(harness.send("POST", resume, as: "alice", at: 400).status == 200)
    let refusedAgain = harness.send("POST", pend, as: "alice", at: 500, headers: keyed("q"))
    #expect(refusedAgain.status == 409 && refusedAgain.response.header("Idempotent-Replayed") == "true")
    // 24 hours on, the kept refusal is gone and the request runs again (it recorded nothing).
    let late = harness.send("POST", pend, as: "alice", at: 300 + IdempotencyKeys.keptSeconds, headers: keyed("q"))
    #expect(late.status == 200 && late.response.header("Idempotent-Replayed") == nil)
    let lateRetry = harness.send("POST", pend, as: "alice", at: 600 + IdempotencyKeys.keptSeconds, headers: keyed("q"))
    #expect(lateRetry.status == 200 && lateRetry.response.header("Idempotent-Replayed") == "true")
    // The first pend's key is gone from the table too, but its request is in the case's
    // history: its retry answers the case, pending nothing again (not the 409 of a second pend).
    let stored = harness.send("POST", pend, as: "alice", at: 700 + IdempotencyKeys.keptSeconds, headers: keyed("p"))
    #expect(stored.status == 200 && stored.response.header("Idempotent-Replayed") == nil)
    #expect(harness.send("GET", "/api/v1/cases/\(id)/history", as: "alice").json?.elements.filter {
      $0.text("type") == "case.pended" }.count == 2)
  }

  @Test func aCaseMadeWithAKeyIsFoundAgainAfterARestartByTheStoresRequestID() throws {
    let harness = try APIHarness()
    let first = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: keyed("k-9"))
    // A new server on the same store: its table of keys is empty.
    let restarted = API(cases: harness.store.service, tokens: harness.tokens)
    func send(_ body: String) -> HTTPResponse {
      let headers = [
        "Authorization": "Bearer \(harness.bearer["alice"] ?? "")", "Content-Type": "application/json",
        "Idempotency-Key": "k-9",
      ]
      let request = HTTPRequest(method: "POST", path: "/api/v1/cases", headers: headers, body: Array(body.utf8))
      return restarted.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 600)).response
    }
    let retry = send(APIHarness.form)
    #expect(retry.status == 201)
    let retried = try JSONValue.parse(retry.body, limits: .init(maxBytes: 1 << 20))
    #expect(retried.text("id") == first.json?.text("id"))
    let other = send(APIHarness.form.replacingOccurrences(of: "no signal", with: "slow"))
    #expect(other.status == 422)
    #expect(try JSONValue.parse(other.body, limits: .init(maxBytes: 1 << 20)).text("code") == "idempotency_key_reused")
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 1)
  }

  /// audit37 M2: the same request is the same JSON, whatever its member order and white space,
  /// and an empty body is `{}`, in the table of keys as in the store. Before 7 December 2026
  /// the table compared bytes and the store meaning: a reordered retry was 422 until a
  /// restart, after which it was the request kept and the first one's exact retry was 422.
  @Test func theSameRequestIsItsJSONNotItsBytesBeforeAndAfterARestart() throws {
    let harness = try APIHarness()
    let form = APIHarness.form
    let reordered = try JSONValue.parse(Array(form.utf8), limits: .init(maxBytes: 1 << 20)).prettyText()
    #expect(reordered != form)
    let id = try #require(harness.send("POST", "/api/v1/cases", form, as: "alice", headers: keyed("k")).json?.text("id"))
    let retry = harness.send("POST", "/api/v1/cases", reordered, as: "alice", at: 60, headers: keyed("k"))
    #expect(retry.status == 201 && retry.json?.text("id") == id)
    #expect(retry.response.header("Idempotent-Replayed") == "true")
    // A pend without a body, retried with `{}`, across a restart too.
    let pend = "/api/v1/cases/\(id)/pend"
    #expect(harness.send("POST", pend, as: "alice", at: 100, headers: keyed("p")).status == 200)
    #expect(harness.send("POST", pend, "{ }", as: "alice", at: 110, headers: keyed("p")).status == 200)
    let restarted = API(cases: harness.store.service, tokens: harness.tokens)
    func send(_ path: String, _ body: String, at seconds: Int, key: String) -> HTTPResponse {
      let headers = [
        "Authorization": "Bearer \(harness.bearer["alice"] ?? "")", "Content-Type": "application/json",
        "Idempotency-Key": key,
      ]
      let request = HTTPRequest(method: "POST", path: path, headers: headers, body: Array(body.utf8))
      return restarted.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: seconds)).response
    }
    // After the restart the reordered retry comes first; the exact retry is the same request.
    for (body, seconds) in [(reordered, 200), (form, 210)] {
      let answer = send("/api/v1/cases", body, at: seconds, key: "k")
      #expect(answer.status == 201, "\(body)")
      #expect(try JSONValue.parse(answer.body, limits: .init(maxBytes: 1 << 20)).text("id") == id)
    }
    #expect(send(pend, "{}", at: 220, key: "p").status == 200)
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 1)
    #expect(harness.send("GET", "/api/v1/cases/\(id)/history", as: "alice").json?.elements.filter {
      $0.text("type") == "case.pended" }.count == 1)
  }

  /// audit37 M2: a request refused for what it says (400 malformed, 422 invalid) ran nothing and
  /// is not kept: the corrected request runs under the same key (Stripe's rule). Before
  /// 7 December 2026 the refusal was replayed for 24 hours and the key was spent.
  @Test func aRequestRefusedForWhatItSaysDoesNotSpendItsKey() throws {
    let harness = try APIHarness()
    let malformed = harness.send("POST", "/api/v1/cases", #"{"type":"#, as: "alice", headers: keyed("v1"))
    #expect(malformed.status == 400)
    let invalid = harness.send(
      "POST", "/api/v1/cases", #"{"type": "technical", "fields": {"Customer_Name": "P Q"}}"#, as: "alice",
      at: 10, headers: keyed("v2"))
    #expect(invalid.status == 422 && invalid.json?.text("code") != "idempotency_key_reused")
    for (key, seconds) in [("v1", 20), ("v2", 30)] {
      let corrected = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: seconds, headers: keyed(key))
      #expect(corrected.status == 201 && corrected.response.header("Idempotent-Replayed") == nil, "\(key)")
    }
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 2)
  }

  /// audit37 M1: a PATCH takes the key as a POST does: a task's OLA counts from now, so a retry
  /// run again moved the deadline and recorded a second change. The retry gets the first answer,
  /// and after a restart the store's request id answers the task as it is, changing nothing.
  @Test func aPatchWithAKeyIsDoneOnceAcrossARestart() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let path = "/api/v1/tasks/\(id).1"
    let first = harness.send("PATCH", path, #"{"ola": "2d"}"#, as: "sam", at: 140, headers: keyed("o"))
    #expect(first.status == 200 && first.json?.text("ola_due") == "2026-03-04T08:02:20Z")
    let retry = harness.send("PATCH", path, #"{"ola": "2d"}"#, as: "sam", at: 240, headers: keyed("o"))
    #expect(retry.response.header("Idempotent-Replayed") == "true" && retry.response.body == first.response.body)
    let restarted = API(cases: harness.store.service, tokens: harness.tokens)
    let headers = [
      "Authorization": "Bearer \(harness.bearer["sam"] ?? "")", "Content-Type": "application/json",
      "Idempotency-Key": "o",
    ]
    let request = HTTPRequest(method: "PATCH", path: path, headers: headers, body: Array(#"{"ola": "2d"}"#.utf8))
    let late = restarted.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 340)).response
    #expect(late.status == 200)
    #expect(try JSONValue.parse(late.body, limits: .init(maxBytes: 1 << 20)).text("ola_due") == "2026-03-04T08:02:20Z")
    #expect(harness.send("GET", "/api/v1/cases/\(id)/history", as: "sam").json?.elements.filter {
      $0.text("type") == "task.ola_changed" }.count == 1)
  }

  @Test(arguments: ["", String(repeating: "k", count: 256), "caf\u{E9}", "a\u{1}b"])
  func aKeyThatIsEmptyTooLongOrNotPrintableASCIIIs400(_ key: String) throws {
    let harness = try APIHarness()
    let answer = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: keyed(key))
    #expect(answer.status == 400 && answer.json?.text("code") == "malformed_request")
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 0)
  }

  @Test func aKeyWhoseFirstRequestIsInFlightIsInUseAndAServerErrorFreesIt() {
    let keys = IdempotencyKeys()
    let now = RepositoryUnderTest.monday
    #expect(keys.begin("k", user: "alice", fingerprint: "f", at: now) == .proceed)
    #expect(keys.begin("k", user: "alice", fingerprint: "f", at: now) == .inFlight)
    #expect(keys.begin("k", user: "alice", fingerprint: "g", at: now) == .reused)
    keys.abandon("k", user: "alice")
    #expect(keys.begin("k", user: "alice", fingerprint: "g", at: now) == .proceed)
    let response = HTTPResponse(status: 200, headers: [], body: [1])
    keys.finish("k", user: "alice", with: response, at: now)
    #expect(keys.begin("k", user: "alice", fingerprint: "g", at: now) == .replay(response))
  }

  @Test func keptAnswersStayWithinTheBudgetOldestFirst() {
    let keys = IdempotencyKeys(budgetBytes: 100 * (IdempotencyKeys.entryOverhead + 1000))
    let now = RepositoryUnderTest.monday
    let response = HTTPResponse(status: 200, headers: [], body: Array(repeating: 7, count: 1000))
    for index in 0..<10_000 {
      _ = keys.begin("k\(index)", user: "alice", fingerprint: "f", at: now)
      keys.finish("k\(index)", user: "alice", with: response, at: now)
    }
    #expect(keys.count == 100)
    #expect(keys.begin("k9999", user: "alice", fingerprint: "f", at: now) == .replay(response))
    #expect(keys.begin("k0", user: "alice", fingerprint: "other", at: now) == .proceed)
  }
}
