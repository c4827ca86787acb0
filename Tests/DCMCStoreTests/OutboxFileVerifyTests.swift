import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Testing
import _DCMCTestSupport

/// `store verify` reads `outbox.json`'s records against the cases' outboxes and names what
/// cannot be trusted; `store rebuild` drops it, after which the outbox commands read the file
/// again (a lease dated after 9999, which an older `outbox deliver` wrote, made every one fail).
@Suite struct OutboxFileVerifyTests {
  static let suffix = " (only leases and failure counts are lost: a notification is offered again)"

  @Test func verifyNamesEachRecordThatCannotBeTrustedAndRebuildDropsIt() throws {
    let store = try StoreVerifyTests.Store()
    defer { store.fixture.remove() }
    let (first, second) = (store.first.outbox[0].notification.id, store.second.outbox[0].notification.id)
    let lease = NotificationLease(owner: "run-1", expires: StoreVerifyTests.now.adding(seconds: 300))
    #expect(try store.runtime.repository.leaseNotifications([first], lease, at: StoreVerifyTests.now) == [first])
    #expect(try store.problems() == [])

    let record = { (caseID: String, expires: String) in
      #"{"case":"\#(caseID)","failures":1,"last_failure":"refused","lease":{"expires":"\#(expires)","owner":"run-0"}}"#
    }
    let (a, b) = (store.first.id, store.second.id)
    try store.write(
      #"{"notifications":{"\#(first)":\#(record(a, "2026-03-02T09:05:00Z")),"# + #""\#(second)":\#(record(b, "10000-01-01T00:03:00Z")),"#
        + #""TEC-999999/n1":\#(record("TEC-999999", "2026-03-02T09:05:00Z")),"#
        + #""\#(b)/n99":\#(record(b, "2026-03-02T09:05:00Z")),"# + #""\#(a)/n2":\#(record(b, "2026-03-02T09:05:00Z"))}}"#,
      to: "outbox.json")
    #expect(throws: RepositoryError.self) { try store.runtime.repository.deliveryRecords() }
    let problems = try store.problems()
    let unread = "outbox.json: the record of notification '\(second)' does not read ("
    #expect(problems.count == 4)
    #expect(problems.first?.hasPrefix(unread) == true && problems.first?.contains("10000-01-01T00:03:00Z") == true)
    #expect(problems.first?.hasSuffix("): 'dcmc store rebuild' drops it" + Self.suffix) == true)
    #expect(
      Array(problems.dropFirst()) == [
        "outbox.json: the record of notification '\(a)/n2' names case '\(b)', not its notification's",
        "outbox.json: the record of notification '\(b)/n99' is of a notification case '\(b)' does not have",
        "outbox.json: the record of notification 'TEC-999999/n1' is of case 'TEC-999999', which does not exist",
      ].map { $0 + ": 'dcmc store rebuild' drops it" + Self.suffix })

    #expect(try store.runtime.rebuild().repaired.contains("outbox.json (4 findings dropped)"))
    #expect(try store.problems() == [])
    let kept = DeliveryRecord(
      caseID: a, lease: NotificationLease(owner: "run-0", expires: StoreVerifyTests.now.adding(seconds: 300)),
      failures: 1, lastFailure: "refused")
    #expect(try store.runtime.repository.deliveryRecords() == [first: kept])
    // The dropped lease's notification is offered again.
    #expect(try store.runtime.repository.leaseNotifications([second], lease, at: StoreVerifyTests.now) == [second])
  }

  @Test func aFileThatIsNotADeliveryFileIsNamedAndEmptiedByRebuild() throws {
    let store = try StoreVerifyTests.Store()
    defer { store.fixture.remove() }
    let id = store.first.outbox[0].notification.id
    let entry = #"{"case":"\#(store.first.id)","failures":1,"last_failure":null,"lease":null}"#
    try store.write(#"{"notifications":{"\#(id)":\#(entry),"\#(id)":\#(entry)}}"#, to: "outbox.json")
    let problems = try store.problems()
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("outbox.json is not a delivery file (") == true)
    #expect(problems.first?.contains("duplicate key") == true)
    #expect(problems.first?.hasSuffix("): 'dcmc store rebuild' empties it" + Self.suffix) == true)
    #expect(try store.runtime.rebuild().repaired.contains("outbox.json (1 finding dropped)"))
    #expect(try store.problems() == [])
    #expect(try store.runtime.repository.deliveryRecords().isEmpty)
  }
}
