import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The staff pages speak the page's words (audit34 findings 10 and 12): a refusal's instants
/// in the page's zone, not ISO UTC; a desk zone it does not offer refused; the supervisor task
/// page naming workbins and offering only the changes its user may make.
@Suite struct StaffPageWordsTests {
  static let brussels = TimeZoneDatabase.knownRules(named: "Europe/Brussels")!

  /// An offer accepted after it expired: the desk says when in the case's zone, to the second,
  /// as the offer's card says its end; the refusal itself keeps ISO UTC for the CLI and the API.
  @Test func theDeskWritesARefusalsInstantInTheCasesZone() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let gary = try harness.signIn("gary")
    #expect(harness.post("/desk/presence", [("state", "ready")], as: gary, at: 61).status == 303)
    _ = harness.api.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 70)
    let expires = try #require(
      harness.api.store.service.load("FIN-2026-000001").task(DeskPageTests.task)?.offer?.expires)
    let late = harness.post("/desk/tasks/\(DeskPageTests.task)/accept", as: gary, at: 600)
    #expect(late.status == 409)
    let alert = try #require(try PagesHarness.document(late).elements("div").first { $0["role"] == "alert" }?.text)
    let words = ZonedTime(expires, in: Self.brussels).descriptionToTheSecond
    #expect(alert == "Not done: the offer of task '\(DeskPageTests.task)' expired at \(words).")
    #expect(!alert.contains(expires.description))
  }

  /// A return time in the past: the task page writes both instants as it writes its times
  /// (`2026-03-02 10:00` in the viewer's zone, each in a `time` element with its instant).
  @Test func theTaskPageWritesARefusalsInstantsInTheViewersZone() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let page = "/supervisor/tasks/\(state.id).1"
    let sam = try harness.signIn()
    let version = try harness.load(state.id).version
    let refused = harness.post("\(page)/reschedule", [("until", "2026-03-02T10:00")], as: sam, query: ["zone": "UTC"])
    #expect(refused.status == 422)
    let alert = try #require(try PagesHarness.document(refused).root.all.first { $0["role"] == "alert" })
    #expect(alert.text == "the return time 2026-03-02 10:00 is not after the command's time 2026-03-03 10:00")
    let instants = alert.all.filter { $0.name == "time" }.map { $0["datetime"] }
    #expect(instants == ["2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z"])
    #expect(try harness.load(state.id).version == version)
  }

  /// A scheduled task's return time in a permission refusal (who may act on a task nobody
  /// holds until it returns): written as the page writes times, on the supervisor's task page
  /// and on the desk, as the engine's refusals are; the CLI's words keep ISO UTC
  /// (`PermissionTests`). Before 7 December 2026 the pages quoted it in ISO UTC.
  @Test func aPermissionRefusalWritesTheReturnTimeInThePagesZone() throws {
    let harness = try SupervisorHarness(users: APIEndpointTests.users)
    let state = try harness.technical()
    let task = "\(state.id).1"
    let store = harness.pages.api.store
    // Wednesday 09:00 in Brussels.
    let back = RepositoryUnderTest.monday.adding(seconds: 2 * 86_400)
    _ = try store.at(120).execute(.claim(task: task), onCase: state.id, by: "bob")
    _ = try store.at(180).execute(.reschedule(task: task, until: back), onCase: state.id, by: "bob")
    let version = try harness.load(state.id).version
    // Tina supervises another workgroup: she may not move its return.
    let tina = try harness.signIn("tina")
    let refused = harness.post("/supervisor/tasks/\(task)/reschedule", [("until", "2026-03-05T09:00")], as: tina)
    #expect(refused.status == 403)
    let alert = try #require(try PagesHarness.document(refused).root.all.first { $0["role"] == "alert" })
    #expect(
      alert.text
        == "task '\(task)' is scheduled until 2026-03-04 09:00; only the advisor who last had it ('bob') or a "
        + "supervisor of 'employees_group' may reschedule it")
    #expect(alert.all.filter { $0.name == "time" }.map { $0["datetime"] } == [back.description])
    // Alice works in its workbin: she may not complete it while it is away (its state: 409).
    let alice = try harness.signIn("alice")
    let desk = harness.post("/desk/tasks/\(task)/complete", [("outcome", "resolved")], as: alice)
    #expect(desk.status == 409)
    let said = try PagesHarness.document(desk).elements("div").first { $0["role"] == "alert" }?.text
    let words = ZonedTime(back, in: Self.brussels).descriptionToTheSecond
    #expect(said == "Not done: task '\(task)' is scheduled until \(words).")
    #expect(try harness.load(state.id).version == version)
  }

  /// The case page's task list and the board's task links say the task's name with its id
  /// beside it (`.ref`), each link to the task's page as before. Before 7 December 2026 the
  /// link said the id alone.
  @Test func theCasePageAndTheBoardNameTheirTasks() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let task = "\(state.id).1"
    let sam = try harness.signIn()
    let casePage = try PagesHarness.document(harness.get("/supervisor/cases/\(state.id)", as: sam))
    let board = try PagesHarness.document(harness.get("/supervisor", as: sam))
    let workbin = try #require(board.element(id: "workbin-employees_group"))
    for links in [casePage.elements("a"), workbin.all.filter { $0.name == "a" }] {
      let link = try #require(links.first { $0["href"] == "/supervisor/tasks/\(task)" })
      #expect(link.text == "Resolve the request \(task)")
      #expect(link.all.first { $0["class"] == "ref" }?.text == task)
    }
    #expect(casePage.elements("li").contains { $0.text == "Resolve the request \(task): queued" })
  }

  /// The refusal keeps its instants and the words the CLI and the API show.
  @Test func aRefusalKeepsTheInstantsItQuotes() {
    let (early, late) = (Instant(secondsSinceEpoch: 0), Instant(secondsSinceEpoch: 60))
    let inner = Refusal(.invalidInput, quoting: "at \(late)")
    let refusal = Refusal(.invalidInput, quoting: "from \(early) to \(messageOf: inner), \(3) times")
    #expect(refusal.message == "from 1970-01-01T00:00:00Z to at 1970-01-01T00:01:00Z, 3 times")
    #expect(refusal.instants == [early, late])
    #expect(ServiceRefusal.rule(refusal).instants == [early, late])
  }

  /// A zone the desk does not offer (a crafted POST) is refused with the page again, 422,
  /// saying why, and the zone picked before is kept.
  @Test func theDeskRefusesAZoneItDoesNotOffer() throws {
    let harness = try PagesHarness(users: APIEndpointTests.users)
    let alice = try harness.signIn("alice")
    #expect(harness.post("/desk/zone", [("zone", "UTC")], as: alice, at: 61).status == 303)
    let refused = harness.post("/desk/zone", [("zone", "Mars/Olympus")], as: alice, at: 62)
    #expect(refused.status == 422)
    let alert = try PagesHarness.document(refused).elements("div").first { $0["role"] == "alert" }?.text
    #expect(alert == "Not done: 'Mars/Olympus' is not a time zone the desk offers; choose one from the list.")
    let desk = try PagesHarness.document(harness.get("/desk", as: alice, at: 63))
    #expect(desk.root.text.contains("Times are shown in UTC."))
    #expect(harness.post("/desk/zone", [("zone", "")], as: alice, at: 64).status == 303)
  }

  /// The task page names the workbin as the board does, in its details and in the list to
  /// move it to (each option's value the workgroup's id).
  @Test func theTaskPageNamesWorkbins() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let sam = try harness.signIn()
    let page = try PagesHarness.document(harness.get("/supervisor/tasks/\(state.id).1", as: sam))
    let facts = page.elements("dd").map(\.text)
    #expect(facts.contains("Employees") && !facts.contains("employees_group"))
    let options = try #require(page.element(id: "target")).all.filter { $0.name == "option" }
    let employees = try #require(options.first { $0["value"] == "employees_group" })
    #expect(employees.text == "Employees" && employees["selected"] != nil)
    #expect(options.allSatisfy { $0["value"] == "" || $0.text != $0["value"] })
  }

  /// A supervisor of another workgroup is offered no change to the task (each would be
  /// refused, 403); the workbin's supervisor is offered every one.
  @Test func theTaskPageOffersOnlyTheChangesItsUserMayMake() throws {
    let harness = try SupervisorHarness()
    let finance = try harness.financeCase()
    let technical = try harness.technical(minutes: 2)
    let sam = try harness.signIn()
    func forms(_ task: String) throws -> [String] {
      let page = try PagesHarness.document(harness.get("/supervisor/tasks/\(task)", as: sam))
      return page.elements("form").compactMap { $0["id"] }
    }
    let changes = ["form-assign", "form-reassign", "form-priority", "form-ola", "form-sla", "form-reschedule"]
    #expect(try forms("\(technical.id).1") == changes)
    let other = try forms("\(finance.id).1")
    #expect(other.allSatisfy { !changes.contains($0) })
    let page = try PagesHarness.document(harness.get("/supervisor/tasks/\(finance.id).1", as: sam))
    #expect(page.root.text.contains("You may not change this task: only a supervisor of its workbin may."))
    #expect(harness.post("/supervisor/tasks/\(finance.id).1/priority", [("priority", "90")], as: sam).status == 403)
  }
}
