import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// Every error is problem details with SPEC section 17's status (RFC 9457).
@Suite struct APIProblemTests {
  func expectProblem(
    _ answer: (status: Int, json: JSONValue?, response: HTTPResponse), _ status: Int, _ code: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(answer.status == status, sourceLocation: sourceLocation)
    #expect(answer.response.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
    #expect(answer.json?.text("code") == code, sourceLocation: sourceLocation)
    #expect(answer.json?.text("status") == String(status), sourceLocation: sourceLocation)
    #expect(answer.json?.text("title")?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(answer.json?.text("detail")?.isEmpty == false, sourceLocation: sourceLocation)
  }

  @Test func aRequestWithoutATokenThatActsIs401() throws {
    let harness = try APIHarness()
    expectProblem(harness.send("GET", "/api/v1/cases"), 401, "unauthorized")
    #expect(harness.send("GET", "/api/v1/cases").response.header("WWW-Authenticate") == "Bearer realm=\"dcmc\"")
    expectProblem(harness.send("GET", "/api/v1/cases", token: "not-a-token"), 401, "unauthorized")
    // The right id with another secret.
    let alice = try #require(harness.bearer["alice"])
    let forged = String(alice.dropLast(4)) + "0000"
    expectProblem(harness.send("GET", "/api/v1/cases", token: forged), 401, "unauthorized")
    // Expired at 10:00, revoked: refused; before expiry, accepted.
    let expiring = try harness.token(
      for: "alice", seed: 40, expires: RepositoryUnderTest.monday.adding(seconds: 3600))
    #expect(harness.send("GET", "/api/v1/cases", at: 3599, token: expiring).status == 200)
    let expired = harness.send("GET", "/api/v1/cases", at: 3600, token: expiring)
    expectProblem(expired, 401, "unauthorized")
    #expect(expired.json?.text("detail") == "the bearer token has expired")
    let id = String(alice.split(separator: "_")[1])
    _ = try TokenService(repository: harness.tokens, clock: FixedClock(RepositoryUnderTest.monday)).revoke(id)
    let revoked = harness.send("GET", "/api/v1/cases", as: "alice")
    expectProblem(revoked, 401, "unauthorized")
    #expect(revoked.json?.text("detail") == "the bearer token was revoked")
  }

  /// SPEC 4: a user in no workgroup can do nothing, and a token acts as `--as USER`. Every
  /// read the API describes is refused such a user's token, 403 (before 6 December 2026 the
  /// cases, their histories, the tasks, the deployments and the reports answered 200).
  @Test func everyReadOfTheDescriptionRefusesAUserInNoWorkgroup() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    guard case .object(let paths)? = harness.send("GET", "/api/v1/openapi.json").json?["paths"] else {
      Issue.record("no paths")
      return
    }
    var refused = 0
    for (template, item) in paths where template != "/api/v1/openapi.json" {
      guard case .object(let methods) = item, methods.contains(where: { $0.0 == "get" }) else { continue }
      // The values name what exists where they can: the refusal is for the user, not the resource.
      let path = template.replacing("{id}", with: id).replacing("{user}", with: "alice")
        .replacing("{name}", with: "cases").replacing("{bundle}", with: "x")
      let answer = harness.send("GET", path, as: "mallory")
      expectProblem(answer, 403, "forbidden")
      #expect(answer.json?.text("detail") == "user 'mallory' is in no workgroup and can do nothing", "\(path)")
      // A user of a workgroup is not refused there.
      #expect(harness.send("GET", path, as: "sam").status != 403, "\(path)")
      refused += 1
    }
    #expect(refused >= 15, "the description's reads")
  }

  @Test func theApplicationsRefusalsAre403() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    // Assigning is a supervisor's action; a user in no workgroup may do nothing.
    let assign = harness.send("POST", "/api/v1/tasks/\(id).1/assign", #"{"to": "bob"}"#, as: "alice")
    expectProblem(assign, 403, "forbidden")
    expectProblem(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "mallory"), 403, "forbidden")
    expectProblem(harness.send("POST", "/api/v1/tasks/\(id).1/claim", as: "eve"), 403, "forbidden")
  }

  @Test func whatDoesNotExistIs404AndAnotherMethodIs405() throws {
    let harness = try APIHarness()
    expectProblem(harness.send("GET", "/api/v1/cases/TEC-999999", as: "alice"), 404, "not_found")
    expectProblem(harness.send("GET", "/api/v1/nothing", as: "alice"), 404, "not_found")
    expectProblem(harness.send("GET", "/api/v1/cases/..%2F..%2Fetc", as: "alice"), 404, "not_found")
    expectProblem(harness.send("GET", "/api/v1/cases/../../etc/passwd", as: "alice"), 404, "not_found")
    expectProblem(harness.send("POST", "/api/v1/tasks/nodot/claim", as: "alice"), 404, "not_found")
    let delete = harness.send("DELETE", "/api/v1/cases", as: "alice")
    expectProblem(delete, 405, "method_not_allowed")
    #expect(delete.response.header("Allow") == "GET, HEAD, POST, OPTIONS")
  }

  @Test func aTaskAnotherUserHoldsIs409() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    #expect(harness.send("POST", "/api/v1/tasks/\(id).1/assign", #"{"to": "bob"}"#, as: "sam").status == 200)
    expectProblem(harness.send("POST", "/api/v1/tasks/\(id).1/claim", as: "alice", at: 120), 409, "wrong_state")
  }

  @Test func aBodyOverOneMebibyteIs413AndMalformedJSONIs400() throws {
    let harness = try APIHarness()
    let large = "{\"type\": \"" + String(repeating: "x", count: API.maximumBodyBytes) + "\"}"
    expectProblem(harness.send("POST", "/api/v1/cases", large, as: "alice"), 413, "too_large")
    expectProblem(harness.send("POST", "/api/v1/cases", "{\"type\": ", as: "alice"), 400, "malformed_request")
    expectProblem(harness.send("POST", "/api/v1/cases", "[1, 2]", as: "alice"), 400, "malformed_request")
    expectProblem(
      harness.send("POST", "/api/v1/cases", String(repeating: "[", count: 100), as: "alice"), 400, "malformed_request")
  }

  @Test func invalidDataIs422WithTheFieldErrors() throws {
    let harness = try APIHarness()
    let answer = harness.send(
      "POST", "/api/v1/cases", #"{"type": "technical", "fields": {"Customer_Email": "jane@example.com"}}"#,
      as: "alice")
    expectProblem(answer, 422, "invalid_input")
    let fields = answer.json?["errors"]?.elements.compactMap { $0.text("field") } ?? []
    #expect(fields.contains("fields.Customer_Name") && fields.contains("fields.Product") && !fields.contains("fields.Customer_Email"))
    let nested = harness.send("POST", "/api/v1/cases", #"{"type": "technical", "fields": {"A": [1]}}"#, as: "alice")
    expectProblem(nested, 422, "invalid_input")
    #expect(nested.json?["errors"]?.elements.first?.text("field") == "fields.A")
    expectProblem(harness.send("POST", "/api/v1/cases", #"{"type": 7}"#, as: "alice"), 422, "invalid_input")
    expectProblem(harness.send("POST", "/api/v1/cases", "{}", as: "alice"), 422, "invalid_input")
  }
}

/// A header the API reads once (`Authorization`, `Idempotency-Key`, `Content-Type`, ...) given
/// twice is refused, 400, naming it: which value counted depended on their order before.
@Suite struct RepeatedHeaderTests {
  func send(_ harness: APIHarness, _ method: String, _ path: String, headers: [String: String], repeated: Set<String>)
    -> HTTPResponse
  {
    harness.api.respond(
      to: HTTPRequest(method: method, path: path, headers: headers, body: [], repeatedHeaders: repeated),
      at: RepositoryUnderTest.monday.adding(seconds: 60)
    ).response
  }

  @Test func aRepeatedSingletonHeaderIs400WhicheverValueComesFirst() throws {
    let harness = try APIHarness()
    let alice = try #require(harness.bearer["alice"])
    for value in ["Bearer \(alice)", "Bearer not-a-token"] {
      let answer = send(
        harness, "GET", "/api/v1/cases", headers: ["Authorization": value], repeated: ["authorization"])
      #expect(answer.status == 400)
      let json = try JSONValue.parse(answer.body, limits: .init(maxBytes: 1 << 16))
      #expect(json.text("code") == "malformed_request")
      #expect(json.text("detail") == "the header 'Authorization' is given more than once; give it once")
    }
    for header in ["Idempotency-Key", "Content-Type", "content-length", "Last-Event-ID"] {
      let answer = send(
        harness, "POST", "/api/v1/cases", headers: ["Authorization": "Bearer \(alice)"], repeated: [header])
      #expect(answer.status == 400, "\(header)")
    }
    // A list header may repeat.
    let accepted = send(
      harness, "GET", "/api/v1/cases", headers: ["Authorization": "Bearer \(alice)", "Accept": "*/*"],
      repeated: ["accept"])
    #expect(accepted.status == 200)
  }

  @Test func aPageWithARepeatedCookieIs400() throws {
    let harness = try PagesHarness()
    let answer = harness.pages.respond(
      to: HTTPRequest(method: "GET", path: "/forms/technical", headers: ["Cookie": "a=b"], repeatedHeaders: ["Cookie"]),
      at: RepositoryUnderTest.monday.adding(seconds: 60))
    #expect(answer.status == 400)
    let page = String(decoding: answer.body, as: UTF8.self)
    #expect(page.contains("Cookie") && page.contains("more than once"))
    #expect(harness.send("GET", "/forms/technical", headers: ["Cookie": "a=b"]).status == 200)
  }
}

/// A repeated query name (`?status=pending&status=closed`) is refused, 400: the last value
/// counted, so a client expecting either got an answer for one with 200. An empty value is
/// 422 for every parameter (`?status=` listed everything, `?limit=` was 422), as
/// `openapi.json` says of each (a string's `minLength: 1`).
@Suite struct RepeatedQueryTests {
  @Test func aRepeatedQueryNameIs400AndAnEmptyValueIs422() throws {
    let harness = try APIHarness()
    let alice = try #require(harness.bearer["alice"])
    let request = HTTPRequest(
      method: "GET", path: "/api/v1/cases", query: ["status": "closed"], headers: ["Authorization": "Bearer \(alice)"],
      repeatedQuery: ["status"])
    let answer = harness.api.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 60)).response
    #expect(answer.status == 400)
    let json = try JSONValue.parse(answer.body, limits: .init(maxBytes: 1 << 16))
    #expect(json.text("detail") == "the query parameter 'status' is given more than once; give it once")
    let empty = harness.send("GET", "/api/v1/cases", as: "alice", query: ["status": ""])
    #expect(empty.status == 422 && empty.json?.text("detail") == "'status' is empty; leave it out or give a value")
    #expect(harness.send("GET", "/api/v1/tasks", as: "alice", query: ["mine": ""]).status == 422)
    let document = harness.send("GET", "/api/v1/openapi.json").json
    let parameters = document?["paths"]?["/api/v1/cases"]?["get"]?["parameters"]?.elements ?? []
    #expect(!parameters.isEmpty)
    for parameter in parameters {
      #expect(parameter.text("description")?.hasSuffix("a repeated name is 400), never empty (422: leave it out instead)") == true)
    }
  }

  /// On an operation with query parameters, a name it does not read was ignored, so a
  /// misspelt filter listed everything, 200, and a client paging with `limit` where there is
  /// none got every case.
  @Test func aQueryNameTheOperationDoesNotReadIs422() throws {
    let harness = try APIHarness()
    _ = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let misspelt = harness.send("GET", "/api/v1/cases", as: "alice", query: ["stauts": "closed"])
    #expect(misspelt.status == 422)
    #expect(
      misspelt.json?.text("detail")
        == "'stauts' is not a query parameter of this operation; it takes type, status, customer, unidentified, limit, after")
    #expect(misspelt.json?["errors"]?.elements.first?.text("field") == "stauts")
    let tasks = harness.send("GET", "/api/v1/tasks", as: "alice", query: ["limit": "1"])
    #expect(tasks.status == 422 && tasks.json?.text("detail") == "'limit' is not a query parameter of this operation; it takes workbin, mine")
    // An operation without query parameters has nothing a name could narrow: ignored.
    #expect(harness.send("GET", "/api/v1/offers", as: "alice", query: ["lastEventId": "r-1"]).status == 200)
    #expect(harness.send("GET", "/api/v1/openapi.json", query: ["v": "2"]).status == 200)
    #expect(harness.send("GET", "/api/v1/cases", as: "alice", query: ["status": "open"]).status == 200)
    #expect(harness.send("GET", "/api/v1/customers", as: "alice", query: ["q": "jane", "limit": "5"]).status == 200)
  }
}
