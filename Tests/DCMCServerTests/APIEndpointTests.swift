import DCMCJSON
import DCMCServer
import Foundation
import Testing
import _DCMCTestSupport

/// The endpoints of offers, presence, customers, the outbox and reports (SPEC sections 14 to
/// 17): each answers the CLI's `--json` object and refuses as the CLI refuses, with no socket.
@Suite struct APIEndpointTests {
  static let users = ["alice", "bob", "sam", "gary", "fiona", "tina"]

  static var finance: String {
    let url = BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/finance.json")
    let fields = (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
    return #"{"type": "finance", "fields": \#(fields)}"#
  }

  @Test func aPushTaskIsOfferedListedDeclinedAndAccepted() throws {
    let harness = try APIHarness(users: Self.users)
    #expect(harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0).status == 200)
    #expect(harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 10).status == 200)
    let created = harness.send("POST", "/api/v1/cases", Self.finance, as: "tina", at: 60)
    #expect(created.status == 201)
    let task = try #require(created.json?.text("id")) + ".1"
    let offers = harness.send("GET", "/api/v1/offers", as: "gary", at: 61)
    #expect(offers.json?.elements.map { $0.text("id") } == [task])
    #expect(offers.json?.elements.first?.text("offered_to") == "gary")
    #expect(harness.send("GET", "/api/v1/offers", as: "fiona", at: 61).json?.elements.count == 0)
    let bare = harness.send("POST", "/api/v1/tasks/\(task)/decline", "{}", as: "gary", at: 62)
    #expect(bare.status == 422 && bare.json?["errors"]?.elements.first?.text("field") == "reason")
    let declined = harness.send("POST", "/api/v1/tasks/\(task)/decline", #"{"reason": "busy"}"#, as: "gary", at: 63)
    #expect(declined.status == 200 && declined.json?.text("offered_to") == "fiona")
    let stolen = harness.send("POST", "/api/v1/tasks/\(task)/accept", as: "gary", at: 64)
    #expect(stolen.status == 409 || stolen.status == 403)
    let accepted = harness.send("POST", "/api/v1/tasks/\(task)/accept", as: "fiona", at: 65)
    #expect(accepted.status == 200 && accepted.json?.text("assignee") == "fiona")
  }

  @Test func presenceIsSetShownListedAndItsHistoryRead() throws {
    let harness = try APIHarness(users: Self.users)
    let set = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "gary")
    #expect(set.status == 200 && set.json?.text("state") == "not_ready" && set.json?.text("reason") == "break")
    let unknownReason = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "nap"}"#, as: "gary")
    // Each refusal of the reason names the member, as the PATCHes name theirs (audit33, 6).
    #expect(unknownReason.status == 422 && unknownReason.json?["errors"]?.elements.first?.text("field") == "reason")
    let missing = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready"}"#, as: "gary")
    #expect(missing.status == 422 && missing.json?["errors"]?.elements.first?.text("field") == "reason")
    let notTaken = harness.send("POST", "/api/v1/presence", #"{"state": "ready", "reason": "break"}"#, as: "gary")
    #expect(notTaken.status == 422 && notTaken.json?["errors"]?.elements.first?.text("field") == "reason")
    let badState = harness.send("POST", "/api/v1/presence", #"{"state": "asleep"}"#, as: "gary")
    #expect(badState.status == 422 && badState.json?["errors"]?.elements.first?.text("field") == "state")
    // A supervisor sets a member's presence; a member may not set another's.
    let bySupervisor = harness.send("POST", "/api/v1/presence", #"{"state": "ready", "user": "fiona"}"#, as: "tina")
    #expect(bySupervisor.status == 200 && bySupervisor.json?.text("user") == "fiona")
    #expect(harness.send("POST", "/api/v1/presence", #"{"state": "ready", "user": "fiona"}"#, as: "gary").status == 403)
    let board = harness.send("GET", "/api/v1/presence", as: "tina", query: ["workgroup": "finances_group"], at: 120)
    #expect(board.json?.elements.map { $0.text("user") } == ["fiona", "gary"])
    #expect(board.json?.elements.map { $0.text("capacity") } == ["2", "1"])
    #expect(harness.send("GET", "/api/v1/presence", as: "tina", query: ["workgroup": "nobody"]).status == 422)
    #expect(harness.send("GET", "/api/v1/presence/gary", as: "alice", at: 120).json?.text("reason") == "break")
    #expect(harness.send("GET", "/api/v1/presence/nobody", as: "alice", at: 120).status == 404)
    let history = harness.send("GET", "/api/v1/presence/gary/history", as: "alice", at: 120)
    #expect(history.json?.elements.map { $0.text("state") } == ["not_ready"])
  }

  @Test func customersAreAddedShownCorrectedFoundListedMergedAndExported() throws {
    let harness = try APIHarness(users: Self.users)
    let jane = #"{"name": "Jane Doe", "email": "jane@example.com", "phone": "02 555 12 34", "request_id": "r1"}"#
    let added = harness.send("POST", "/api/v1/customers", jane, as: "alice")
    #expect(added.status == 201 && added.json?.text("phone") == "+3225551234")
    let id = try #require(added.json?.text("id"))
    #expect(harness.send("POST", "/api/v1/customers", jane, as: "alice").json?.text("id") == id)
    let reused = harness.send("POST", "/api/v1/customers", #"{"name": "John", "request_id": "r1"}"#, as: "alice")
    #expect(reused.status == 422 && reused.json?.text("code") == "request_id_reused")
    #expect(harness.send("POST", "/api/v1/customers", #"{"email": "x@example.com"}"#, as: "alice").status == 422)
    let sameEmail = #"{"name": "Jane Again", "email": "JANE@example.com"}"#
    let taken = harness.send("POST", "/api/v1/customers", sameEmail, as: "alice")
    #expect(taken.status == 409 && taken.json?.text("detail")?.hasPrefix("customer '\(id)' has the email") == true)
    let twoLines = harness.send("POST", "/api/v1/customers", #"{"name": "Bad\nName"}"#, as: "alice")
    #expect(twoLines.status == 422 && twoLines.json?.text("detail")?.contains("U+000A (a line break)") == true)
    let other = harness.send("POST", "/api/v1/customers", #"{"name": "Jane D."}"#, as: "bob")
    let duplicate = try #require(other.json?.text("id"))
    #expect(harness.send("GET", "/api/v1/customers/\(id)", as: "bob").json?.text("name") == "Jane Doe")
    let updated = harness.send("PATCH", "/api/v1/customers/\(id)", #"{"name": "Jane Dupont"}"#, as: "bob", at: 120)
    #expect(updated.status == 200 && updated.json?.text("name") == "Jane Dupont")
    #expect(updated.json?.text("email") == "jane@example.com")
    let found = harness.send("GET", "/api/v1/customers", as: "bob", query: ["q": "+32 2 555 12 34"], at: 130)
    #expect(found.json?.elements.map { $0.text("id") } == [id])
    #expect(harness.send("GET", "/api/v1/customers", as: "bob", query: ["q": "jane", "limit": "0"]).status == 422)
    #expect(harness.send("GET", "/api/v1/customers", as: "bob").status == 422)
    #expect(harness.send("GET", "/api/v1/customers", as: "bob", query: ["q": "jane", "limit": ""]).status == 422)
    let unknown = harness.send("PATCH", "/api/v1/customers/\(id)", #"{"name": "J", "age": 3}"#, as: "bob", at: 135)
    #expect(unknown.status == 422 && unknown.json?["errors"]?.elements.first?.text("field") == "age")
    // A null where the description says string (or object) is refused, not read as absent:
    // `{"name": null}` was a 200 that changed nothing (schemathesis, 6 December 2026).
    for body in [#"{"name": null}"#, #"{"fields": null}"#] {
      let null = harness.send("PATCH", "/api/v1/customers/\(id)", body, as: "bob", at: 136)
      #expect(null.status == 422, "\(body)")
    }
    let nullRequest = harness.send("POST", "/api/v1/customers", #"{"name": "Jo", "request_id": null}"#, as: "alice")
    #expect(nullRequest.json?.text("detail") == "'request_id' is not a string")
    // A body's request id that no store can keep is the request's mistake, 422 naming the
    // member (it was 404 not_found, as for a path's id that names nothing).
    for (path, body) in [
      ("/api/v1/customers", #"{"name": "Jo", "request_id": ""}"#),
      ("/api/v1/cases", #"{"type": "technical", "request_id": "../r", "fields": {}}"#),
    ] {
      let refused = harness.send("POST", path, body, as: "alice", at: 138)
      #expect(refused.status == 422, "\(path)")
      #expect(refused.json?["errors"]?.elements.first?.text("field") == "request_id", "\(path)")
    }
    let nullEmail = harness.send("PATCH", "/api/v1/customers/\(id)", #"{"email": null}"#, as: "bob", at: 137)
    #expect(nullEmail.status == 200)  // described string or null: no change
    _ = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: 140)
    let cases = harness.send("GET", "/api/v1/customers/\(id)/cases", as: "bob", at: 150)
    #expect(cases.json?.elements.first?.text("status") == "We are working on it")
    let merge = #"{"duplicate": "\#(duplicate)"}"#
    #expect(harness.send("POST", "/api/v1/customers/\(id)/merge", merge, as: "alice", at: 160).status == 403)
    let merged = harness.send("POST", "/api/v1/customers/\(id)/merge", merge, as: "sam", at: 170)
    #expect(merged.status == 200 && merged.json?.text("id") == id)
    #expect(harness.send("GET", "/api/v1/customers/\(duplicate)", as: "bob", at: 180).json?.text("id") == id)
    let export = harness.send("GET", "/api/v1/customers/\(id)/export", as: "bob", at: 190)
    #expect(export.json?["customer"]?.text("id") == id && export.json?.text("exported_by") == "bob")
    #expect(export.json?["merged"]?.elements.count == 1 && export.json?["notifications"]?.elements.count == 1)
    #expect(harness.send("GET", "/api/v1/customers/CUS-999999", as: "bob").status == 404)
    let household = #"{"name": "John Doe", "email": "jane@example.com", "shared": true}"#
    let shared = harness.send("POST", "/api/v1/customers", household, as: "alice", at: 200)
    #expect(shared.status == 201 && shared.json?.text("id") != id)
  }

  @Test func theOutboxIsListedAndANotificationAcknowledgedByASupervisor() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let outbox = harness.send("GET", "/api/v1/outbox", as: "sam", at: 60)
    let note = try #require(outbox.json?.elements.first)
    #expect(note.text("case") == id && note.text("status") == "pending" && note.text("to") == "jane@example.com")
    let noteID = try #require(note.text("id"))
    let acknowledged = harness.send("POST", "/api/v1/outbox/\(noteID)/ack", as: "sam", at: 120)
    #expect(acknowledged.status == 200 && acknowledged.json?.text("delivered") == noteID)
    #expect(harness.send("GET", "/api/v1/outbox", as: "sam", at: 180).json?.elements.first?.text("status") == "delivered")
    #expect(harness.send("POST", "/api/v1/outbox/\(id)/n99/ack", as: "sam", at: 180).status == 404)
  }

  /// stop 24's user test: any member listed every customer's notifications and acknowledged
  /// any. A member who supervises nothing is refused both, and nothing changes.
  @Test func aMemberWhoSupervisesNoWorkgroupMayNotReadOrAcknowledgeTheOutbox() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    let listed = harness.send("GET", "/api/v1/outbox", as: "bob", at: 60)
    #expect(listed.status == 403 && listed.json?.text("detail") == "'bob' supervises no workgroup and may not read the outbox")
    let acknowledged = harness.send("POST", "/api/v1/outbox/\(id)/n1/ack", as: "bob", at: 120)
    #expect(acknowledged.status == 403)
    #expect(harness.send("GET", "/api/v1/outbox", as: "sam", at: 180).json?.elements.first?.text("status") == "pending")
  }

  @Test func aReportIsComputedInTheFormatAskedOrAccepted() throws {
    let harness = try APIHarness()
    _ = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let period = ["from": "2026-03-01", "to": "2026-04-01", "zone": "Europe/Brussels"]
    let json = harness.send("GET", "/api/v1/reports/cases", as: "sam", query: period, at: 120)
    #expect(json.status == 200 && json.response.header("Content-Type") == "application/json")
    #expect(json.json?.text("report") == "cases")
    let text = String(decoding: json.response.body, as: UTF8.self)
    #expect(text.contains("technical"))
    let csv = harness.send("GET", "/api/v1/reports/cases", as: "sam", query: period.merging(["format": "csv"]) { $1 })
    #expect(csv.response.header("Content-Type") == "text/csv; charset=utf-8")
    #expect(String(decoding: csv.response.body, as: UTF8.self).contains("technical,"))
    let page = harness.api.respond(
      to: HTTPRequest(
        method: "GET", path: "/api/v1/reports/dashboard",
        headers: ["Authorization": "Bearer \(harness.bearer["sam"] ?? "")", "Accept": "text/html;q=0.9, */*"]),
      at: RepositoryUnderTest.monday.adding(seconds: 120))
    #expect(page.response.status == 200 && page.response.header("Content-Type") == "text/html; charset=utf-8")
    #expect(String(decoding: page.response.body, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
    #expect(harness.send("GET", "/api/v1/reports", as: "sam").json?.elements.last?.text("") == nil)
    #expect(harness.send("GET", "/api/v1/reports/nothing", as: "sam").status == 404)
    #expect(harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["zone": "Mars/Olympus"]).status == 422)
    // TZif files that are no zone are refused as in definitions (`right/` was read an hour off).
    for name in ["right/Europe/Brussels", "localtime", "posixrules"] {
      #expect(harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["zone": name]).status == 422, "\(name)")
    }
    #expect(harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["from": "yesterday"]).status == 422)
    let backwards = harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["from": "2026-03-05", "to": "2026-03-01"])
    #expect(backwards.status == 422)
    let ages = harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["from": "0001-01-01", "to": "9999-12-31"])
    #expect(ages.status == 422)
    #expect(ages.json?.text("detail") == "the period is 3652058 days long; a report covers at most 3660 days (about ten years)")
    #expect(harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["type": "nothing"]).status == 422)
    #expect(harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["format": "pdf"]).status == 422)
    #expect(harness.send("GET", "/api/v1/reports/cases").status == 401)
  }

  /// Without `from`, the period of `to=0001-01-01` is December of year 0, which no date of
  /// dcmc is in: 422 naming `to` (an explicit `from` whose day in the zone is in year 0, `from`).
  @Test func aPeriodStartingBeforeTheFirstDayIsRefusedNamingItsParameter() throws {
    let harness = try APIHarness()
    for (query, field) in [
      (["to": "0001-01-01"], "to"), (["to": "0001-01-01", "zone": "Europe/Brussels"], "to"),
      (["from": "0001-01-01T00:00:00Z", "to": "0001-01-05", "zone": "America/New_York"], "from"),
    ] {
      let refused = harness.send("GET", "/api/v1/reports/cases", as: "sam", query: query)
      #expect(refused.status == 422, "\(query)")
      #expect(refused.json?["errors"]?.elements.first?.text("field") == field, "\(query)")
      #expect(refused.json?.text("detail")?.contains("0001-01-01, the first day dcmc dates") == true, "\(query)")
    }
    let january = harness.send("GET", "/api/v1/reports/cases", as: "sam", query: ["to": "0001-01-01T00:00:01Z"])
    #expect(january.status == 200)
  }
}
