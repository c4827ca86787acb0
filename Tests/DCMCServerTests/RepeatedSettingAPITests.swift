import DCMCApplication
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// `PATCH /api/v1/cases/{id}` with the SLA a supervisor gave the case and `PATCH
/// /api/v1/tasks/{id}` with an OLA giving the task the plan it has answer 200 with the object
/// as it was and write nothing, after the permissions; `GET /api/v1/cases?customer=&unidentified=true`
/// is 422, as an unknown customer is.
@Suite struct RepeatedSettingAPITests {
  @Test func aRepeatedSLAOrOLAWritesNothing() throws {
    let harness = try APIHarness()
    let made = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let id = try #require(made.json?.text("id"))
    let service = harness.store.service
    let sla = #"{"sla": "3d"}"#
    let set = harness.send("PATCH", "/api/v1/cases/\(id)", sla, as: "sam", at: 120)
    #expect(set.status == 200 && set.json?.text("sla_set") == "3d")
    let history = try service.history(of: id)
    let refused = harness.send("PATCH", "/api/v1/cases/\(id)", sla, as: "alice", at: 180)
    #expect(refused.status == 403)
    let again = harness.send("PATCH", "/api/v1/cases/\(id)", sla, as: "sam", at: 240)
    #expect(again.status == 200)
    #expect(again.json.map { $0.compact() } == set.json.map { $0.compact() })
    #expect(try service.history(of: id) == history)
    // Monday 18:00 and 20:00, the office closed: two office hours from Tuesday 09:00 both times.
    let task = "/api/v1/tasks/\(id).1"
    let ola = #"{"ola": "2h"}"#
    let planned = harness.send("PATCH", task, ola, as: "sam", at: 9 * 3600)
    #expect(planned.status == 200 && planned.json?.text("ola_due") == "2026-03-03T10:00:00Z")
    let planHistory = try service.history(of: id)
    #expect(planHistory.count == history.count + 1)
    #expect(harness.send("PATCH", task, ola, as: "alice", at: 10 * 3600).status == 403)
    let replanned = harness.send("PATCH", task, ola, as: "sam", at: 11 * 3600)
    #expect(replanned.status == 200)
    #expect(replanned.json.map { $0.compact() } == planned.json.map { $0.compact() })
    #expect(try service.history(of: id) == planHistory)
  }

  @Test func aCustomersUnidentifiedCasesAreRefused() throws {
    let harness = try APIHarness()
    let made = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let customer = try #require(made.json?.text("customer"))
    for id in [customer, "CUS-999999"] {
      let both = harness.send(
        "GET", "/api/v1/cases", as: "sam", query: ["customer": id, "unidentified": "true"], at: 120)
      #expect(both.status == 422 && both.json?.text("code") == "invalid_input")
      #expect(
        both.json?.text("detail")
          == "'customer' and 'unidentified' cannot be combined: an unidentified case is linked to no customer record "
          + "(its customer was ambiguous and no one has linked it), so no case would match")
    }
    let one = harness.send("GET", "/api/v1/cases", as: "sam", query: ["customer": customer], at: 120)
    #expect(one.status == 200 && one.json?.elements.count == 1)
  }
}
