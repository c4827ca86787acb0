import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/supervisor` (SPEC section 17, docs/server.md "Supervisor page"): the board of the
/// workgroups the user supervises, in the viewer's zone, refused to anyone else. Without a
/// socket; HTML read strictly.
@Suite struct SupervisorPageTests {
  @Test func theBoardShowsTheWorkbinsItemsAtRiskEscalationsAndPresenceOfTheSupervisedWorkgroups() throws {
    let harness = try SupervisorHarness()
    let escalated = try harness.technical(minutes: 1)
    let first = try harness.technical(minutes: 2)
    try harness.technical(minutes: 3)
    let task = try #require(escalated.tasks.first?.id)
    _ = try harness.pages.api.store.at(240).execute(.claim(task: task), onCase: escalated.id, by: "alice")
    _ = try harness.pages.api.store.at(300).execute(.escalate(task: task), onCase: escalated.id, by: "alice")
    let response = harness.get("/supervisor", as: try harness.signIn())
    #expect(response.status == 200)
    let document = try PagesHarness.document(response)
    let summary = try #require(document.element(id: "workbins-summary"))
    let rows = summary.all.filter { $0.name == "tr" }.dropFirst().map {
      $0.all.filter { ["th", "td"].contains($0.name) }.map(\.text)
    }
    // Each workgroup sam supervises; the two queued first-line tasks at risk, and the expert
    // review the escalation made, past its 4-hour OLA.
    #expect(rows.count == 6 && rows.contains(["Complaints", "0", "–", "0", "0"]))
    #expect(rows.suffix(2) == [["Employees", "2", "1d 1h", "2", "0"], ["Technical experts", "1", "1d 1h", "0", "1"]])
    let employees = try #require(document.element(id: "workbin-employees_group"))
    #expect(employees.all.first { $0.name == "caption" }?.text == "Employees: 2 tasks")
    #expect(employees.all.filter { $0.name == "th" }.map { $0["scope"] }.allSatisfy { $0 != nil })
    #expect(employees.text.contains(first.id) && employees.text.contains("at risk"))
    let late = try #require(document.element(id: "late-tasks"))
    #expect(late.all.filter { $0.name == "tr" && $0["class"] == "at-risk" }.count == 2)
    #expect(late.all.filter { $0.name == "tr" && $0["class"] == "breached" }.count == 1)
    let escalations = try #require(document.element(id: "escalated-tasks"))
    #expect(escalations.text.contains("\(escalated.id).2") && escalations.text.contains("Expert review"))
    let presence = try #require(document.element(id: "presence-board"))
    let users = presence.all.filter { $0.name == "th" && $0["scope"] == "row" }.map(\.text)
    #expect(users.count == 13 && ["alice", "bob", "carol", "eve", "frank"].allSatisfy(users.contains))
    #expect(presence.text.contains("offline"))
    // Times in the calendar's zone, Brussels (UTC+1 in March), named in the zone chooser.
    #expect(document.element(id: "zone")?["value"] == "Europe/Brussels")
    let due = try #require(employees.all.first { $0.name == "time" })
    #expect(due["datetime"] == "2026-03-03T12:02:00Z" && due.text == "2026-03-03 13:02")
  }

  @Test func theViewerChoosesTheZoneTimesAreShownInAndAnUnknownOneIsSaid() throws {
    let harness = try SupervisorHarness()
    try harness.technical()
    let sam = try harness.signIn()
    let utc = try PagesHarness.document(harness.get("/supervisor", as: sam, query: ["zone": "UTC"]))
    #expect(utc.element(id: "zone")?["value"] == "UTC")
    #expect(utc.elements("time").first?.text == "2026-03-03 12:01")
    #expect(utc.elements("a").contains { $0["href"]?.hasSuffix("?zone=UTC") == true })
    let unknown = try PagesHarness.document(harness.get("/supervisor", as: sam, query: ["zone": "Mars/Olympus"]))
    #expect(
      unknown.root.all.first { $0["role"] == "alert" }?.text
        == "'Mars/Olympus' is not a time zone; times are in Europe/Brussels")
    // A TZif file that is no zone is not one here either, as in definitions.
    let right = try PagesHarness.document(harness.get("/supervisor", as: sam, query: ["zone": "right/Europe/Brussels"]))
    #expect(
      right.root.all.first { $0["role"] == "alert" }?.text
        == "'right/Europe/Brussels' is not a time zone; times are in Europe/Brussels")
  }

  @Test func someoneWhoSupervisesNoWorkgroupIsRefusedAndSomeoneNotSignedInIsSentToSignIn() throws {
    let harness = try SupervisorHarness()
    try harness.technical()
    let alice = try harness.signIn("alice")
    for path in [
      "/supervisor", "/supervisor/reports", "/supervisor/tasks/TEC-000001.1", "/supervisor/cases/TEC-000001",
    ] {
      let advisor = harness.get(path, as: alice)
      #expect(advisor.status == 403, "\(path)")
      #expect(!String(decoding: advisor.body, as: UTF8.self).contains("TEC-000001"))
      let anonymous = harness.get(path, as: nil)
      #expect(anonymous.status == 303 && anonymous.header("Location")?.hasPrefix("/signin?next=") == true, "\(path)")
    }
  }

  @Test func valuesShowAsTextAndALongNameStaysInItsCell() throws {
    let harness = try SupervisorHarness()
    let long = String(repeating: "Bartholomew-", count: 16) + "<script>alert(1)</script>"
    let state = try harness.technical(["Customer_Name": long])
    let response = harness.get("/supervisor/cases/\(state.id)", as: try harness.signIn())
    #expect(response.status == 200)
    let document = try PagesHarness.document(response)
    #expect(document.element(id: "field-Customer_Name")?["value"] == long)
    #expect(document.elements("script").isEmpty)
    #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
  }

  /// The supervisor's 405s name the methods its route table has for the path.
  @Test func anotherMethodIs405WithTheMethodsTheRouteTableHasForThePath() throws {
    let harness = try SupervisorHarness()
    let sam = try harness.signIn()
    func send(_ method: String, _ path: String) -> HTTPResponse {
      harness.pages.send(method, path, headers: ["Cookie": sam.cookie], at: SupervisorHarness.tuesday)
    }
    let get = send("GET", "/supervisor/tasks/TEC-1.1/assign")
    #expect(get.status == 405 && get.header("Allow") == "POST, OPTIONS")
    for path in ["/supervisor", "/supervisor/reports", "/supervisor/reports.csv", "/supervisor/tasks/TEC-1.1"] {
      let answer = send("POST", path)
      #expect(answer.status == 405 && answer.header("Allow") == "GET, HEAD, OPTIONS", "POST \(path)")
    }
    #expect(send("DELETE", "/supervisor/cases/TEC-1").header("Allow") == "GET, HEAD, POST, OPTIONS")
    #expect(send("GET", "/supervisor/nothing").status == 404)
  }
}
