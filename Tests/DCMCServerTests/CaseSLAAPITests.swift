import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// `PATCH /api/v1/cases/{id}` with `sla` (`case set --sla`): the case's JSON as `--json`
/// prints it, problem details as SPEC section 17 says on a refusal, nothing changed.
@Suite struct CaseSLAAPITests {
  @Test func aSupervisorSetsACasesSLAAndTheRestAreRefused() throws {
    let harness = try APIHarness()
    let made = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let id = try #require(made.json?.text("id"))
    let created = try #require(made.json?.text("created_at"))
    let path = "/api/v1/cases/\(id)"
    let service = harness.store.service
    let before = try service.load(id)
    let threeDays = #"{"sla": "3d"}"#
    let refused = harness.send("PATCH", path, threeDays, as: "alice", at: 100)
    #expect(refused.status == 403)
    #expect(refused.json?.text("detail") == "'alice' supervises none of the case's targets and may not change the case's SLA")
    #expect(harness.send("PATCH", "/api/v1/cases/TEC-999999", threeDays, as: "sam", at: 100).status == 404)
    for body in [
      "{}", #"{"sla": "soon"}"#, #"{"sla": "0h"}"#, #"{"sla": 3}"#, #"{"sla": null}"#,
      #"{"sla": "3d", "fields": {"Product": "television"}}"#, #"{"sla": "3d", "ola": "1d"}"#,
    ] {
      let invalid = harness.send("PATCH", path, body, as: "sam", at: 110)
      #expect(invalid.status == 422 && invalid.json?.text("code") == "invalid_input", "\(body)")
    }
    let bad = harness.send("PATCH", path, #"{"sla": "soon"}"#, as: "sam", at: 110)
    #expect(bad.json?["errors"]?.elements.first?.text("field") == "sla")
    let long = harness.send("PATCH", path, #"{"sla": "99999999d"}"#, as: "sam", at: 110)
    #expect(long.status == 422)
    #expect(
      long.json?.text("detail")
        == "an SLA of 99999999d is longer than a supervisor may set: at most 3650 days (87600 hours)")
    #expect(try service.load(id) == before)
    let set = harness.send("PATCH", path, threeDays, as: "sam", at: 120)
    #expect(set.status == 200)
    // Three office days (24 hours) from the creation, Monday 09:01: Thursday 09:01.
    #expect(created == "2026-03-02T08:01:00Z")
    #expect(set.json?.text("sla_due") == "2026-03-05T08:01:00Z")
    let shown = service.with(clock: FixedClock(RepositoryUnderTest.monday.adding(seconds: 120)))
    #expect(try set.json?.compact() == shown.view(try shown.load(id)).json.compact())
    let history = harness.send("GET", "\(path)/history", as: "sam", at: 130)
    #expect(history.json?.elements.last?.text("type") == "case.sla_set")
    #expect(history.json?.elements.last?.text("sla") == "3d")
    // Changing the data still works as before, alone.
    let updated = harness.send("PATCH", path, #"{"fields": {"Product": "television"}}"#, as: "sam", at: 140)
    #expect(updated.status == 200 && updated.json?["fields"]?.text("Product") == "television")
    // A cancelled case: 409.
    #expect(harness.send("POST", "\(path)/cancel", as: "sam", at: 150).status == 200)
    let closed = harness.send("PATCH", path, threeDays, as: "sam", at: 160)
    #expect(closed.status == 409 && closed.json?.text("detail") == "case '\(id)' is cancelled")
  }

  /// The longest SLA or OLA is the use case's rule (`CaseService.longestDeadlineDays`), as
  /// for `case set --sla` and `task set --ola` (exit 2) and the supervisor's forms: 3650 days
  /// or 87,600 hours, each unit on a 24-hour day; a longer one is 422 naming the member, from
  /// anyone, and changes nothing.
  @Test func anSLAOrOLALongerThanTheLongestIsRefusedAndTheLongestIsTaken() throws {
    let harness = try APIHarness()
    let made = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice")
    let id = try #require(made.json?.text("id"))
    let (path, task) = ("/api/v1/cases/\(id)", "/api/v1/tasks/\(id).1")
    let service = harness.store.service
    let before = try service.load(id)
    for (at, body, member, given) in [
      (path, #"{"sla": "3651d"}"#, "sla", "an SLA of 3651d"), (path, #"{"sla": "3650d 1h"}"#, "sla", "an SLA of 3650d 1h"),
      (path, #"{"sla": "PT87601H"}"#, "sla", "an SLA of 87601h"), (task, #"{"ola": "P3651D"}"#, "ola", "an OLA of 3651d"),
    ] {
      for user in ["sam", "alice"] {
        let refused = harness.send("PATCH", at, body, as: user, at: 110)
        let detail = "\(given) is longer than a supervisor may set: at most 3650 days (87600 hours)"
        #expect(refused.status == 422 && refused.json?.text("detail") == detail, "\(body) \(user)")
        #expect(refused.json?["errors"]?.elements.first?.text("field") == member, "\(body)")
      }
    }
    #expect(try service.load(id) == before)
    for (at, body) in [(path, #"{"sla": "87600h"}"#), (path, #"{"sla": "3650d"}"#), (task, #"{"ola": "3650d"}"#)] {
      let set = harness.send("PATCH", at, body, as: "sam", at: 120)
      #expect(set.status == 200, "\(body): \(set.json.map { String(decoding: $0.compact(), as: UTF8.self) } ?? "")")
    }
    #expect(try service.load(id).sla?.text == "3650d")
  }

  @Test func theDescriptionSaysTheCaseTakesAnSLA() throws {
    let harness = try APIHarness()
    let document = try #require(harness.send("GET", "/api/v1/openapi.json").json)
    let schema = document["paths"]?["/api/v1/cases/{id}"]?["patch"]?["requestBody"]?["content"]?["application/json"]?[
      "schema"]
    #expect(schema?["properties"]?["sla"]?.text("type") == "string")
    #expect(schema?["properties"]?["fields"] != nil)
  }
}
