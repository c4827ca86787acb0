import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A case as its customer sees it (SPEC section 14): the customer-facing words of each status
/// and a case type's override, the expected time in the SLA calendar's zone or `paused`, and
/// nothing internal in its JSON.
@Suite struct CustomerCaseViewTests {
  static let finance = [
    "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
    "Request_Type": "refund", "Amount": "120.50", "Invoice_Number": "INV-204311",
  ]

  /// The text of a JSON string; `nil` for anything else (`null`).
  static func text(_ value: JSONValue?) -> String? {
    guard case .string(let text) = value else { return nil }
    return text
  }

  /// The view of `state` on the deployed reference definitions.
  static func view(_ state: CaseState, _ store: RepositoryUnderTest, at now: Instant = RepositoryUnderTest.monday)
    throws -> CustomerCaseView
  {
    CustomerCaseView(state, definitions: try store.service.definitions.definitions(state.bundle), at: now)
  }

  @Test(
    "each status reads in the default words, and finance's pending in its own",
    arguments: [
      (CaseStatus.open, "We are working on it", "We are working on it"),
      (.inProgress, "We are working on it", "We are working on it"),
      (.escalated, "We are working on it", "We are working on it"),
      (.pending, "Waiting for you", "Waiting for your documents"),
      (.closed, "Resolved", "Resolved"),
      (.cancelled, "Cancelled", "Cancelled"),
    ])
  func statusWords(status: CaseStatus, technical: String, finance: String) throws {
    let store = try RepositoryKind.memory.make()
    var technicalCase = try store.technical()
    var financeCase = try store.at(60).create(type: "finance", fields: Self.finance, request: nil, by: "fiona")
    technicalCase.status = status
    financeCase.status = status
    #expect(try Self.view(technicalCase, store).status == technical)
    #expect(try Self.view(financeCase, store).status == finance)
  }

  @Test func aPendingCaseWhoseSLAStandsStillIsPausedAndReadsTheCaseTypesWords() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.at(0).create(type: "finance", fields: Self.finance, request: nil, by: "fiona")
    let task = try #require(created.tasks.first).id
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "fiona")
    let pending = try store.at(3600).execute(
      .complete(task: task, outcome: "need_documents", data: [:]), onCase: created.id, by: "fiona")
    #expect(pending.status == .pending && pending.slaPaused)
    let view = try Self.view(pending, store)
    #expect(view.status == "Waiting for your documents")
    #expect(view.expectedBy == .paused)
    #expect(view.expectedByText == "On hold until we hear from you")
    #expect(Self.text(view.json["expected_by"]) == nil)
    #expect(Self.text(view.json["expected_by_text"]) == "On hold until we hear from you")
    #expect(view.updated.description == "Monday 2 March 2026, 10:00 CET")
    // Stop 34: and says how to send what it waits for, as finance's `customer_next_step:` does.
    let reply =
      "Reply to our email about this request with the documents we asked for attached, and keep its reference in the "
      + "subject."
    #expect(view.nextStep == reply)
    #expect(Self.text(view.json["next_step"]) == reply)
    // A status the case type says nothing of shows nothing (there is no default); since stop
    // 35 every reference case type words its pending status.
    var technical = try store.technical()
    #expect(try Self.view(technical, store).nextStep == nil)
    technical.status = .pending
    #expect(try Self.view(technical, store).nextStep?.hasPrefix("Answer the question our advisor asked you") == true)
    // A case type whose SLA runs on while pending is still due then.
    var running = pending
    running.slaPaused = false
    #expect(try Self.view(running, store).expectedByText == "Wednesday 4 March 2026, 17:00 CET")
  }

  @Test func theExpectedTimeIsReadInTheSLACalendarsZoneAcrossTheChangeToSummerTime() throws {
    let store = try RepositoryKind.memory.make()
    // Friday 27 March 2026, 16:00 CET; Brussels changes to CEST on Sunday 29 March.
    let created = try store.technical(25 * 86_400 + 7 * 3600)
    let view = try Self.view(created, store)
    #expect(view.opened.description == "Friday 27 March 2026, 16:00 CET")
    let due = try #require(created.slaDue)
    #expect(view.expectedBy == .due(due, ZonedTime(due, in: try #require(TimeZoneDatabase.rules(named: "Europe/Brussels")))))
    #expect(view.expectedByText == "Tuesday 31 March 2026, 16:00 CEST")
    #expect(Self.text(view.json["expected_by"]) == "2026-03-31T14:00:00Z")
  }

  @Test func aClosedCaseShowsItsResolutionAndNoExpectedTimeAndACancelledOneNeither() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = try #require(created.tasks.first).id
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "alice")
    let closed = try store.at(120).execute(
      .complete(task: task, outcome: "resolved", data: [:]), onCase: created.id, by: "alice")
    let view = try Self.view(closed, store)
    #expect(view.status == "Resolved")
    #expect(view.resolution == "resolved")
    #expect(view.expectedBy == nil)
    #expect(Self.text(view.json["expected_by_text"]) == nil)
    var cancelled = closed
    cancelled.status = .cancelled
    #expect(try Self.view(cancelled, store).resolution == nil)
    #expect(try Self.view(cancelled, store).expectedBy == nil)
  }

  /// Audit34 finding 8: a case past its due time read "Expected by <that time>" with no word
  /// that it was late, and a resolution read as its id.
  @Test func aDueTimePassedAtTheInstantShownSaysTheCaseIsLate() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let due = try #require(created.slaDue)
    let onTime = try Self.view(created, store, at: due)
    #expect(!onTime.isLate && onTime.expectedByText == "Tuesday 3 March 2026, 17:00 CET")
    let late = try Self.view(created, store, at: due.adding(seconds: 1))
    #expect(late.isLate)
    #expect(late.expectedByText == "Tuesday 3 March 2026, 17:00 CET; it is taking longer than we expected")
    #expect(Self.text(late.json["expected_by"]) == Self.text(onTime.json["expected_by"]))
  }

  /// Audit34 finding 8: a refused refund read "Resolved", with the resolution's id.
  @Test func aClosedCaseReadsTheWordsOfItsResolutionWhenItsCaseTypeGivesThem() throws {
    let store = try RepositoryKind.memory.make()
    var refused = try store.at(60).create(type: "finance", fields: Self.finance, request: nil, by: "fiona")
    refused.status = .closed
    refused.resolution = "rejected"
    #expect(try Self.view(refused, store).status == "We could not grant your request")
    var corrected = refused
    corrected.resolution = "resolved"
    #expect(try Self.view(corrected, store).status == "Resolved")
    var cancelled = refused
    cancelled.status = .cancelled
    #expect(try Self.view(cancelled, store).status == "Cancelled")
  }

  @Test func aResolutionReadsAsWords() throws {
    let store = try RepositoryKind.memory.make()
    var closed = try store.technical()
    closed.status = .closed
    closed.resolution = "not_covered"
    let view = try Self.view(closed, store)
    #expect(view.resolution == "not_covered" && view.resolutionText == "Not covered")
    #expect(Self.text(view.json["resolution"]) == "not_covered")
  }

  @Test func theJSONHoldsTheCustomersWordsAndNothingInternal() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = try #require(created.tasks.first).id
    let escalated = try store.at(60).execute(.escalate(task: task), onCase: created.id, by: "sam")
    let json = try Self.view(escalated, store).json
    guard case .object(let members) = json else {
      Issue.record("not an object: \(json)")
      return
    }
    #expect(
      members.map(\.key) == [
        "case_type", "expected_by", "expected_by_text", "id", "next_step", "opened_at", "opened_text", "resolution",
        "status", "updated_at", "updated_text",
      ])
    #expect(Self.text(json["case_type"]) == "Technical")
    #expect(Self.text(json["status"]) == "We are working on it")
    #expect(Self.text(json["id"]) == created.id)
    #expect(Self.text(json["opened_at"]) == "2026-03-02T08:00:00Z")
    #expect(Self.text(json["updated_text"]) == "Monday 2 March 2026, 09:01 CET")
    let text = json.prettyText()
    for word in [escalated.tasks.last?.target ?? "-", "escalated", "priority", "sam", "Jane Doe"] {
      #expect(!text.contains(word), "\(word)")
    }
  }
}
