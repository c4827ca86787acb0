import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// The API as a function of a parsed request (SPEC section 17): routing, the use cases behind
/// each endpoint, and problem details, with no socket.
@Suite struct APITests {
  @Test func aCaseIsCreatedShownUpdatedPendedResumedAndItsHistoryRead() throws {
    let harness = try APIHarness()
    let created = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    #expect(created.status == 201)
    let id = try #require(created.json?.text("id"))
    #expect(created.json?.text("status") == "open")
    #expect(created.json?["tasks"]?.elements.first?.text("id") == id + ".1")
    let shown = harness.send("GET", "/api/v1/cases/\(id)", as: "bob")
    #expect(shown.status == 200 && shown.json?.text("id") == id)
    let updated = harness.send(
      "PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Problem_Description": "no signal at all"}}"#, as: "sam",
      at: 120)
    #expect(updated.status == 200)
    #expect(updated.json?["fields"]?.text("Problem_Description") == "no signal at all")
    // An operation that reads no body refuses one it would drop (the reason went nowhere, 200),
    // and takes `{}` as none; nothing changed by the refusals.
    let pend = "/api/v1/cases/\(id)/pend"
    let reason = harness.send("POST", pend, #"{"reason": "waiting for the customer"}"#, as: "alice", at: 170)
    #expect(reason.status == 422 && reason.json?["errors"]?.elements.first?.text("field") == "reason")
    let text = harness.send("POST", pend, "garbage", as: "alice", at: 170, headers: ["Content-Type": "text/plain"])
    #expect(text.status == 415)
    #expect(harness.send("POST", pend, "{", as: "alice", at: 170).status == 400)
    #expect(harness.send("GET", "/api/v1/cases/\(id)", as: "alice", at: 175).json?.text("status") == "open")
    #expect(harness.send("POST", pend, "{}", as: "alice", at: 180).json?.text("status") == "pending")
    #expect(harness.send("POST", "/api/v1/cases/\(id)/resume", as: "alice", at: 240).json?.text("status") == "open")
    let history = harness.send("GET", "/api/v1/cases/\(id)/history", as: "alice", at: 300)
    let types = history.json?.elements.compactMap { $0.text("type") } ?? []
    #expect(types.first == "case.created")
    #expect(types.contains("case.pended") && types.contains("case.resumed"))
    #expect(history.json?.elements.first?.text("by") == "alice")
  }

  @Test func casesAreListedWithTheirFilters() throws {
    let harness = try APIHarness()
    _ = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    #expect(harness.send("GET", "/api/v1/cases", as: "bob").json?.elements.count == 1)
    #expect(harness.send("GET", "/api/v1/cases", as: "bob", query: ["status": "closed"]).json?.elements.count == 0)
    #expect(harness.send("GET", "/api/v1/cases", as: "bob", query: ["type": "technical"]).json?.elements.count == 1)
    let unknownStatus = harness.send("GET", "/api/v1/cases", as: "bob", query: ["status": "asleep"])
    #expect(unknownStatus.status == 422)
    let unknownType = harness.send("GET", "/api/v1/cases", as: "bob", query: ["type": "nothing"])
    #expect(unknownType.status == 422 && unknownType.json?.text("code") == "invalid_input")
    // A customer no record has is an unknown value too, as the type and status are (it was 404).
    for customer in ["CUS-999999", "../x"] {
      let unknownCustomer = harness.send("GET", "/api/v1/cases", as: "bob", query: ["customer": customer])
      #expect(unknownCustomer.status == 422 && unknownCustomer.json?.text("code") == "invalid_input", "\(customer)")
      #expect(unknownCustomer.json?.text("detail") == "unknown customer '\(customer)'; no customer record has this id")
    }
  }

  /// Every 422 names the members it is about in `errors`, as SPEC section 17's "with the field
  /// errors" says: a client maps each to its input. Some had only a `detail`.
  @Test func every422NamesItsMembers() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let cases: [(String, String, String?, [String: String], [String])] = [
      ("GET", "/api/v1/cases", nil, ["limit": "0"], ["limit"]),
      ("GET", "/api/v1/cases", nil, ["after": "zzz"], ["after"]),
      ("GET", "/api/v1/cases", nil, ["status": "bogus"], ["status"]),
      ("GET", "/api/v1/cases", nil, ["unidentified": "yes"], ["unidentified"]),
      ("GET", "/api/v1/tasks", nil, ["mine": "1"], ["mine"]),
      ("GET", "/api/v1/deployments", nil, ["after": "x"], ["after"]),
      ("PATCH", "/api/v1/tasks/\(id).1", #"{"priority": 10, "ola": "2h"}"#, [:], ["priority", "ola"]),
      ("PATCH", "/api/v1/tasks/\(id).1", "{}", [:], ["priority", "ola"]),
      ("PATCH", "/api/v1/cases/\(id)", #"{"fields": {}, "sla": "2d"}"#, [:], ["fields", "sla"]),
      ("POST", "/api/v1/cases/\(id)/links", "{}", [:], ["interaction", "customer"]),
    ]
    for (method, path, body, query, fields) in cases {
      let answer = harness.send(method, path, body, as: "sam", query: query, at: 90)
      let named = answer.json?["errors"]?.elements.compactMap { $0.text("field") }
      #expect(answer.status == 422 && named == fields, "\(method) \(path) \(query): \(answer.status) \(String(describing: named))")
    }
  }

  @Test func tasksAreListedPulledClaimedReleasedAssignedEscalatedAndCompleted() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let task = id + ".1"
    #expect(harness.send("GET", "/api/v1/tasks", as: "bob").json?.elements.map { $0.text("id") } == [task])
    let next = harness.send("POST", "/api/v1/tasks/next", as: "bob", at: 60)
    #expect(next.status == 200 && next.json?.text("assignee") == "bob")
    #expect(harness.send("GET", "/api/v1/tasks", as: "bob", query: ["mine": "true"]).json?.elements.count == 1)
    #expect(harness.send("GET", "/api/v1/tasks", as: "alice", query: ["mine": "true"]).json?.elements.count == 0)
    #expect(harness.send("GET", "/api/v1/tasks", as: "alice", query: ["mine": "yes"]).status == 422)
    let released = harness.send("POST", "/api/v1/tasks/\(task)/release", as: "bob", at: 120)
    #expect(released.json?.text("status") == "queued" && released.json?.text("assignee") == "null")
    let assigned = harness.send("POST", "/api/v1/tasks/\(task)/assign", #"{"to": "alice"}"#, as: "sam", at: 180)
    #expect(assigned.status == 200 && assigned.json?.text("assignee") == "alice")
    let completed = harness.send(
      "POST", "/api/v1/tasks/\(task)/complete", #"{"outcome": "resolved"}"#, as: "alice", at: 240)
    #expect(completed.status == 200 && completed.json?.text("status") == "completed")
    #expect(harness.send("GET", "/api/v1/cases/\(id)", as: "alice").json?.text("status") == "closed")

    let other = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let claimed = harness.send("POST", "/api/v1/tasks/\(other).1/claim", as: "alice", at: 300)
    #expect(claimed.status == 200 && claimed.json?.text("assignee") == "alice")
    let escalated = harness.send("POST", "/api/v1/tasks/\(other).1/escalate", as: "alice", at: 360)
    #expect(escalated.status == 200)
    #expect(escalated.json?.text("status") != "assigned")
  }

  @Test func theDeploymentIsListedAndShownByItsHash() throws {
    let harness = try APIHarness()
    let list = harness.send("GET", "/api/v1/deployments", as: "alice")
    let hash = ReferenceBundle.compiled.bundle.hash
    #expect(list.json?.elements.map { $0.text("bundle") } == [hash])
    let shown = harness.send("GET", "/api/v1/deployments/\(hash)", as: "alice")
    #expect(shown.json?.text("current") == "true")
    #expect(shown.json?["case_types"]?.elements.map { String(decoding: $0.compact(), as: UTF8.self) }.contains("\"technical\"") == true)
    // Another spelling of the same digest names nothing.
    #expect(harness.send("GET", "/api/v1/deployments/\(hash.dropFirst(7))", as: "alice").status == 404)
  }
}
