import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Issue 14's business rules that surprised users, on every repository: a request id names one
/// request, and a case's history never runs backwards.
@Suite struct BusinessRuleTests {
  func refusal<T>(_ body: () throws(ServiceError) -> T) -> ServiceRefusal? {
    do throws(ServiceError) {
      _ = try body()
      return nil
    } catch {
      guard case .refused(let refusal) = error else { return nil }
      return refusal
    }
  }

  /// Item 9: the same request again is the same case; the same id for another case type or
  /// other form data is refused, naming the case the id made.
  @Test(arguments: RepositoryKind.allCases) func aRequestIDNamesOneRequest(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let first = try store.technical(0, request: "web-1")
    #expect(try store.technical(60, request: "web-1") == first)
    var fields = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    fields["Product"] = "television"
    let otherData = refusal { () throws(ServiceError) in
      try store.at(120).create(type: "technical", fields: fields, request: "web-1", by: "alice")
    }
    #expect(otherData == .requestReused(request: "web-1", case: first.id))
    // The request's mistake, as a reused Idempotency-Key is (422 in the API), not the case's state.
    #expect(otherData?.kind == .invalidInput)
    let otherType = refusal { () throws(ServiceError) in
      try store.at(120).create(
        type: "finance",
        fields: [
          "Customer_Name": "Jane", "Customer_Email": "jane@example.com", "Customer_Phone": "+32475112233",
          "Request_Type": "refund", "Invoice_Number": "INV-204311",
        ], request: "web-1", by: "alice")
    }
    #expect(otherType == .requestReused(request: "web-1", case: first.id))
    #expect(try store.queries.cases(CaseFilter()).cases.count == 1)
  }

  /// audit33 finding 7: a request id is its user's, as an Idempotency-Key is. Another user's
  /// create with it, even with the very same form, is refused without naming the case: until
  /// 7 December 2026 bob was handed alice's case. Nothing is made.
  @Test(arguments: RepositoryKind.allCases) func aRequestIDIsItsUsers(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let first = try store.technical(0, request: "web-1")
    let form = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    let refused = refusal { () throws(ServiceError) in
      try store.at(60).create(type: "technical", fields: form, request: "web-1", by: "bob")
    }
    #expect(refused == .requestOfAnotherUser(request: "web-1"))
    #expect(refused?.kind == .invalidInput && refused?.description.contains(first.id) == false)
    #expect(try store.queries.cases(CaseFilter()).cases.count == 1)
    // Its owner's retry is still answered with the case.
    #expect(try store.technical(120, request: "web-1") == first)
  }

  /// Item 11: a command dated before the case's last event is refused, naming that event's
  /// time, and the case is unchanged; at the same instant it is accepted.
  @Test(arguments: RepositoryKind.allCases) func aCommandBeforeTheCasesLastEventIsRefused(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical(0)
    let task = created.id + ".1"
    let claimed = try store.at(600).execute(.claim(task: task), onCase: created.id, by: "alice")
    let last = RepositoryUnderTest.monday.adding(seconds: 600)
    #expect(claimed.updatedAt == last)
    for command: Command in [.release(task: task), .pend, .link(interaction: "phone:1")] {
      let refused = refusal { () throws(ServiceError) in
        try store.at(300).execute(command, onCase: created.id, by: "alice")
      }
      #expect(refused == .beforeLastEvent(case: created.id, last: last))
    }
    #expect(try store.repository.load(created.id) == claimed)
    _ = try store.at(600).execute(.open(task: task), onCase: created.id, by: "alice")
  }

  /// Item 11: one tick far in the future stops no later tick: the cases it changed wait for
  /// their time, the timers of every other case fire, and the tick mark stays the latest.
  @Test(arguments: RepositoryKind.allCases) func aTickAfterAFarFutureTickStillFires(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let ahead = try store.technical(0)
    let far = 70 * 365 * 86_400
    #expect(try store.at(far).tick(by: nil).map(\.id) == [ahead.id])
    let aheadAfter = try store.repository.load(ahead.id)
    let other = try store.technical(60)
    let tuesday = 25 * 3600 + 1800  // Tuesday 10:30: the OLA's warning is due
    #expect(try store.at(tuesday).tick(by: nil).map(\.id) == [other.id])
    #expect(try store.repository.load(ahead.id) == aheadAfter)
    #expect(try store.repository.load(other.id)?.tasks.first?.olaWarned == true)
    #expect(try store.repository.lastTick() == RepositoryUnderTest.monday.adding(seconds: far))
  }
}
