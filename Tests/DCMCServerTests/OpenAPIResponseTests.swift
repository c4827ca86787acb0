import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCServer
import Foundation
import Testing
import _DCMCTestSupport

/// Every answer the API gives is what `openapi.json` says of it (audit35 M2): each operation
/// is driven through the handlers, and each answer's status must be declared, its JSON body
/// must fit the declared schema with no member the schema leaves out (`JSONSchemaCheck`), and
/// each contract header it carries must be declared on that response. A member added to a
/// view, a header or a status added to an answer, without the description, fails here.
@Suite struct OpenAPIResponseTests {
  /// The headers a client acts on, which the description must declare where they are sent.
  static let contractHeaders = ["Location", "Link", "Idempotent-Replayed", "Retry-After", "WWW-Authenticate"]

  /// The API, its description, and the operations (`METHOD template STATUS`) answered so far.
  final class Checker {
    var harness: APIHarness
    let document: JSONValue
    var seen: Set<String> = []
    var at = 0

    init() throws {
      harness = try APIHarness(users: ["alice", "bob", "sam", "eve", "mallory", "gary", "fiona", "tina"])
      document = try #require(harness.send("GET", "/api/v1/openapi.json").json)
    }

    /// The answer to `method` `path` (an instance of `template`), checked against the
    /// description; each request one second after the last.
    @discardableResult
    func send(
      _ method: String, _ template: String, _ path: String? = nil, _ body: String? = nil, as user: String? = "alice",
      query: [String: String] = [:], token: String? = nil, headers: [String: String] = [:],
      sourceLocation: SourceLocation = #_sourceLocation
    ) -> (status: Int, json: JSONValue?, response: HTTPResponse) {
      at += 1
      let answer = harness.send(
        method, path ?? template, body, as: user, query: query, at: at, token: token, headers: headers)
      let label = "\(method) \(template) \(answer.status)"
      seen.insert(label)
      guard let operation = document["paths"]?[template]?[method.lowercased()] else {
        Issue.record("no operation \(method) \(template)", sourceLocation: sourceLocation)
        return answer
      }
      guard let declared = operation["responses"]?[String(answer.status)] else {
        Issue.record("\(label): the status is not declared", sourceLocation: sourceLocation)
        return answer
      }
      let type = answer.response.headers.first { $0.name == "Content-Type" }?.value ?? ""
      let media = String(type.prefix { $0 != ";" })
      let content = declared["content"]?[type] ?? declared["content"]?[media]
      #expect(content != nil, "\(label): \(type) is not declared", sourceLocation: sourceLocation)
      if media.hasSuffix("json"), let schema = content?["schema"] {
        let body = try? JSONValue.parse(answer.response.body, limits: .init(maxBytes: 1 << 24))
        let problems = body.map { JSONSchemaCheck(document: document).problems($0, schema) } ?? ["not JSON"]
        #expect(problems.isEmpty, "\(label): \(problems.prefix(8))", sourceLocation: sourceLocation)
      }
      for name in OpenAPIResponseTests.contractHeaders
      where answer.response.headers.contains(where: { $0.name == name }) {
        #expect(declared["headers"]?[name] != nil, "\(label): \(name) is not declared", sourceLocation: sourceLocation)
      }
      return answer
    }
  }

  @Test func everyOperationAnswersAsItsDescriptionSays() throws {
    let api = try Checker()
    api.send("GET", "/api/v1/openapi.json", as: nil)
    let deployments = api.send("GET", "/api/v1/deployments", query: ["limit": "1"])
    let bundle = try #require(deployments.json?.elements.first?.text("bundle"))
    api.send("GET", "/api/v1/deployments/{bundle}", "/api/v1/deployments/\(bundle)")
    api.send("GET", "/api/v1/deployments/{bundle}", "/api/v1/deployments/sha256:0")

    // Presence, for the push workbin's offers below.
    for user in ["gary", "fiona"] { api.send("POST", "/api/v1/presence", nil, #"{"state": "ready"}"#, as: user) }
    api.send("POST", "/api/v1/presence", nil, #"{"state": "asleep"}"#, as: "gary")
    api.send("GET", "/api/v1/presence", query: ["workgroup": "finances_group"])
    api.send("GET", "/api/v1/presence/{user}", "/api/v1/presence/gary")
    api.send("GET", "/api/v1/presence/{user}/history", "/api/v1/presence/gary/history")

    // Customers: two records of one customer, one merged into the other later.
    let jane = api.send("POST", "/api/v1/customers", nil, #"{"name": "Jane Doe", "email": "jane@example.com"}"#)
    #expect(jane.status == 201)
    let customer = try #require(jane.json?.text("id"))
    let twin = api.send("POST", "/api/v1/customers", nil, #"{"name": "Jane D.", "phone": "+32 2 555 12 34"}"#)
    let duplicate = try #require(twin.json?.text("id"))
    api.send("POST", "/api/v1/customers", nil, #"{"email": "x@example.com"}"#)
    api.send("GET", "/api/v1/customers", query: ["q": "jane"])
    api.send("GET", "/api/v1/customers/{id}", "/api/v1/customers/\(customer)")
    api.send("GET", "/api/v1/customers/{id}", "/api/v1/customers/CUS-999999")
    api.send("PATCH", "/api/v1/customers/{id}", "/api/v1/customers/\(customer)", #"{"name": "Jane Dupont"}"#, as: "bob")

    // Cases, one per flow; the first twice under one Idempotency-Key.
    var cases: [String] = []
    for index in 0..<6 {
      let made = api.send(
        "POST", "/api/v1/cases", nil, APIHarness.form, headers: index == 0 ? ["Idempotency-Key": "k1"] : [:])
      cases.append(try #require(made.json?.text("id")))
    }
    let replayed = api.send("POST", "/api/v1/cases", nil, APIHarness.form, headers: ["Idempotency-Key": "k1"])
    #expect(replayed.response.headers.contains { $0.name == "Idempotent-Replayed" })
    api.send("POST", "/api/v1/cases", nil, #"{"fields": {}}"#)
    api.send("GET", "/api/v1/cases", query: ["limit": "2"])
    api.send("GET", "/api/v1/cases", query: ["limit": "0"])
    let (first, id) = (cases[0], "/api/v1/cases/{id}")
    api.send("GET", id, "/api/v1/cases/\(first)")
    api.send("GET", id, "/api/v1/cases/TEC-999999")
    api.send("PATCH", id, "/api/v1/cases/\(first)", #"{"fields": {"Problem_Description": "still no signal"}}"#, as: "sam")
    api.send("PATCH", id, "/api/v1/cases/\(first)", #"{"sla": "3d"}"#, as: "sam")
    api.send("POST", id + "/pend", "/api/v1/cases/\(first)/pend")
    api.send("POST", id + "/resume", "/api/v1/cases/\(first)/resume")
    api.send("POST", id + "/attachments", "/api/v1/cases/\(first)/attachments", #"{"name": "a.txt", "content": "aGk="}"#)
    api.send("POST", id + "/links", "/api/v1/cases/\(first)/links", #"{"interaction": "phone:call-1"}"#)
    api.send("POST", id + "/cancel", "/api/v1/cases/\(cases[5])/cancel", as: "sam")
    api.send("POST", id + "/cancel", "/api/v1/cases/\(cases[5])/cancel", as: "alice")

    // Tasks.
    let task = "/api/v1/tasks/{id}"
    api.send("GET", "/api/v1/tasks", query: ["mine": "false"])
    let next = api.send("POST", "/api/v1/tasks/next", as: "bob")
    let pulled = try #require(next.json?.text("id"))
    api.send("POST", task + "/release", "/api/v1/tasks/\(pulled)/release", as: "bob")
    api.send("POST", task + "/assign", "/api/v1/tasks/\(pulled)/assign", #"{"to": "alice"}"#, as: "sam")
    api.send("PATCH", task, "/api/v1/tasks/\(pulled)", #"{"priority": 90}"#, as: "sam")
    api.send("PATCH", task, "/api/v1/tasks/\(pulled)", #"{"priority": 90}"#, as: "alice")
    api.send(
      "POST", task + "/reschedule", "/api/v1/tasks/\(pulled)/reschedule", #"{"until": "2026-03-03T09:00:00+01:00"}"#)
    // alice holds one task at a time (capacity 1): each is done with before the next.
    let rest = cases.dropFirst().filter { $0 + ".1" != pulled }
    api.send("POST", task + "/claim", "/api/v1/tasks/\(rest[0]).1/claim")
    api.send("POST", task + "/open", "/api/v1/tasks/\(rest[0]).1/open")
    api.send("POST", task + "/complete", "/api/v1/tasks/\(rest[0]).1/complete", #"{"outcome": "resolved"}"#)
    api.send("POST", task + "/complete", "/api/v1/tasks/\(rest[0]).1/complete", #"{"outcome": "resolved"}"#)
    api.send("POST", task + "/claim", "/api/v1/tasks/\(rest[1]).1/claim")
    api.send("POST", task + "/escalate", "/api/v1/tasks/\(rest[1]).1/escalate")
    api.send("POST", task + "/reassign", "/api/v1/tasks/\(rest[2]).1/reassign", #"{"target": "expert_group_x"}"#, as: "sam")

    // A push task: offered, declined, accepted.
    let finance = try #require(api.send("POST", "/api/v1/cases", nil, APIEndpointTests.finance, as: "tina").json?.text("id"))
    api.send("GET", "/api/v1/offers", as: "gary")
    api.send("POST", task + "/decline", "/api/v1/tasks/\(finance).1/decline", #"{"reason": "busy"}"#, as: "gary")
    api.send("POST", task + "/accept", "/api/v1/tasks/\(finance).1/accept", as: "fiona")

    // The customer's cases, merge, export (every case's history), status links.
    let records = "/api/v1/customers/{id}"
    api.send("GET", records + "/cases", "/api/v1/customers/\(customer)/cases", query: ["limit": "1"])
    api.send("GET", id + "/history", "/api/v1/cases/\(first)/history")
    api.send("POST", records + "/merge", "/api/v1/customers/\(customer)/merge", #"{"duplicate": "\#(duplicate)"}"#, as: "sam")
    api.send("GET", records + "/export", "/api/v1/customers/\(customer)/export")
    api.send("POST", records + "/status-links", "/api/v1/customers/\(customer)/status-links", "{}")
    api.send("DELETE", records + "/status-links", "/api/v1/customers/\(customer)/status-links")

    // The outbox and the reports.
    let outbox = api.send("GET", "/api/v1/outbox", as: "sam")
    let note = try #require(outbox.json?.elements.first?.text("id"))
    api.send("POST", "/api/v1/outbox/{case}/{notification}/ack", "/api/v1/outbox/\(note)/ack", as: "sam")
    api.send("GET", "/api/v1/reports", as: "sam")
    api.send("GET", "/api/v1/reports/{name}", "/api/v1/reports/cases", as: "sam")
    api.send("GET", "/api/v1/reports/{name}", "/api/v1/reports/cases", as: "sam", query: ["format": "csv"])
    api.send("GET", "/api/v1/events", as: "gary")

    // Refusals of authentication: without a token, and with one that was revoked.
    api.send("GET", "/api/v1/cases", as: nil)
    api.send("GET", "/api/v1/cases", as: nil, token: "dcmc_nothing")

    // Every operation answered its success at least once.
    guard case .object(let paths)? = api.document["paths"] else { return }
    for (path, item) in paths {
      guard case .object(let operations) = item else { continue }
      for (method, operation) in operations {
        guard case .object(let responses)? = operation["responses"] else { continue }
        let success = responses.map(\.key).first { $0.hasPrefix("2") } ?? "?"
        #expect(
          api.seen.contains("\(method.uppercased()) \(path) \(success)"),
          "\(method) \(path) \(success) never answered: \(api.seen.filter { $0.hasPrefix("\(method.uppercased()) \(path) ") })")
      }
    }
  }

  /// Each example of docs/store.md's events (one per type, each what the store writes, as
  /// `StoreDocumentationTests` checks) fits `Event`, and a member it does not list fails.
  @Test func everyTypeOfEventFitsItsSchemaAndNoOther() throws {
    let harness = try APIHarness()
    let document = try #require(harness.send("GET", "/api/v1/openapi.json").json)
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/store.md"), encoding: .utf8)
    let events = docs.components(separatedBy: "\n## Events\n")[1].components(separatedBy: "\n## ")[0]
    let lines = events.split(separator: "\n").filter { $0.hasPrefix("{\"at\"") }
    #expect(lines.count > 30)
    let check = JSONSchemaCheck(document: document)
    let event = JSONValue.object([("$ref", .string("#/components/schemas/Event"))])
    for line in lines {
      let value = try JSONValue.parse(Array(line.utf8), limits: .init(maxBytes: 1 << 20))
      #expect(check.problems(value, event).isEmpty, "\(check.problems(value, event)) \(line.prefix(80))")
      #expect(!check.problems(value.setting("extra", to: .null), event).isEmpty, "\(line.prefix(80))")
    }
  }

  /// Every report's JSON, and the dashboard's, fits what the description says of
  /// `showReport` (stop 34 left it "an object"): a member added to the report or to one of its
  /// sections fails.
  @Test func everyReportFitsItsSchemaAndNoOther() throws {
    let harness = try APIHarness()
    for second in 1...3 { _ = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: second) }
    let document = try #require(harness.send("GET", "/api/v1/openapi.json").json)
    let schema = try #require(
      document["paths"]?["/api/v1/reports/{name}"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?[
        "schema"])
    let check = JSONSchemaCheck(document: document)
    var rows = 0
    let listed = harness.send("GET", "/api/v1/reports", as: "sam").json?.elements ?? []
    let names: [String] = listed.compactMap { value -> String? in
      if case .string(let name) = value { return name }
      return nil
    }
    #expect(names.count > 5 && names.last == "dashboard")
    for name in names {
      let answer = harness.send("GET", "/api/v1/reports/\(name)", as: "sam", at: 60)
      let report: JSONValue = try #require(answer.json, "\(name): \(answer.status)")
      #expect(check.problems(report, schema).isEmpty, "\(name): \(check.problems(report, schema).prefix(4))")
      #expect(!check.problems(report.setting("extra", to: JSONValue.null), schema).isEmpty, "\(name)")
      let reports: [JSONValue] = name == "dashboard" ? report["reports"]?.elements ?? [] : [report]
      let sections: [JSONValue] = reports.flatMap { $0["sections"]?.elements ?? [] }
      rows += sections.map { $0["rows"]?.elements.count ?? 0 }.reduce(0, +)
      guard let first = sections.first, name != "dashboard" else { continue }
      let widened = report.setting("sections", to: .array([first.setting("extra", to: JSONValue.null)]))
      #expect(!check.problems(widened, schema).isEmpty, "\(name)")
    }
    #expect(rows > 0)
  }

  /// audit35 L8: a 201 that makes a case or a record says where it is (RFC 9110 section
  /// 15.3.2); a token that no longer acts is `invalid_token` (RFC 6750 section 3), a missing
  /// one is challenged without an error; `tasks/next` with nothing waiting is the documented 404.
  @Test func madeResourcesAreLocated() throws {
    let harness = try APIHarness()
    let made = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let id = try #require(made.json?.text("id"))
    let location = made.response.headers.first { $0.name == "Location" }?.value
    #expect(location == "/api/v1/cases/\(id)")
    #expect(harness.send("GET", try #require(location), as: "alice").json?.text("id") == id)
    let record = harness.send("POST", "/api/v1/customers", #"{"name": "Jo"}"#, as: "alice")
    let customer = try #require(record.json?.text("id"))
    #expect(record.response.headers.first { $0.name == "Location" }?.value == "/api/v1/customers/\(customer)")
    #expect(harness.send("GET", "/api/v1/cases/\(id)", as: "alice").response.headers.allSatisfy { $0.name != "Location" })
  }

  @Test func aTokenThatNoLongerActsIsInvalidAndNothingToTakeIsTheDocumented404() throws {
    let harness = try APIHarness()
    _ = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    func challenge(_ token: String?, at seconds: Int = 60) -> String? {
      let answer = harness.send("GET", "/api/v1/cases", at: seconds, token: token)
      #expect(answer.status == 401)
      return answer.response.headers.first { $0.name == "WWW-Authenticate" }?.value
    }
    #expect(challenge(nil) == #"Bearer realm="dcmc""#)
    let expiring = try harness.token(for: "bob", seed: 40, expires: RepositoryUnderTest.monday.adding(seconds: 30))
    #expect(
      challenge(expiring, at: 60)
        == #"Bearer realm="dcmc", error="invalid_token", error_description="the bearer token has expired""#)
    #expect(challenge("dcmc_nothing")?.contains(#"error="invalid_token""#) == true)
    let revoked = try harness.token(for: "bob", seed: 41, expires: nil)
    let tokenID = String(revoked.split(separator: "_")[1])
    _ = try TokenService(repository: harness.tokens, clock: FixedClock(RepositoryUnderTest.monday)).revoke(tokenID)
    #expect(challenge(revoked)?.hasSuffix(#"error="invalid_token", error_description="the bearer token was revoked""#) == true)

    // Nothing left that bob may take: 404, as the operation says.
    var taken = harness.send("POST", "/api/v1/tasks/next", as: "bob", at: 70)
    for second in 71..<80 where taken.status == 200 { taken = harness.send("POST", "/api/v1/tasks/next", as: "bob", at: second) }
    #expect(taken.status == 404 && taken.json?.text("code") == "not_found")
    let document = try #require(harness.send("GET", "/api/v1/openapi.json").json)
    let declared = document["paths"]?["/api/v1/tasks/next"]?["post"]?["responses"]?["404"]?.text("description")
    #expect(declared?.hasPrefix("no task the user may take is waiting") == true)
  }
}
