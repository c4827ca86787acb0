import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing

/// `case create --request-id` after crashes: a retry returns the case its request made, and
/// only that one.
struct CaseStoreRequestTests {
  static let now = Instant(secondsSinceEpoch: 1_772_442_000)

  /// A crash between writing `requests/<id>.json` and the case's first append leaves the
  /// request pointing at a number no case has yet; another create may take that number.
  @Test func aRetryAfterACrashBeforeTheAppendDoesNotReturnTheCaseAnotherRequestMadeSince() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try Data(#"{"case":"TEC-000001"}"#.utf8).write(to: URL(fileURLWithPath: fixture.root + "/requests/r1.json"))
    let other = try store.create(
      type: "technical", fields: technicalForm("r2"), requestID: "r2", by: "alice", at: Self.now)
    #expect(other.id == "TEC-000001")
    let retried = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice",
      at: Self.now.adding(seconds: 60))
    #expect(retried.id == "TEC-000002")
    #expect(retried.fields["Problem_Description"] == "request r1")
    let again = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice",
      at: Self.now.adding(seconds: 120))
    #expect(again.id == "TEC-000002")
    #expect(try store.verify().problems.isEmpty)
  }

  /// A create whose flush failed puts the index back as it was, but its append may still
  /// reach the disk: the retry must find that case, not make a second.
  @Test func aRetryFindsTheCaseItsRequestMadeWhenTheIndexEntryIsGone() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let first = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.now)
    for file in ["requests/r1.json", "sequences/technical.json"] {
      try FileManager.default.removeItem(atPath: fixture.root + "/" + file)
    }
    let retried = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice",
      at: Self.now.adding(seconds: 60))
    #expect(retried == first)
    #expect(try store.store.streams().map(\.rawValue) == ["TEC-000001"])
  }

  /// A pull's request is indexed beside the creates' (`requests/<id>.json` naming the claim's
  /// case): `store verify` names a missing entry as behind its history, not damage (a failed
  /// append's undo, or a store from before the index kept commands' requests), and `store
  /// rebuild` writes it again, after which the retry finds its claim with the task completed.
  @Test func verifyNamesAMissingPullEntryAndRebuildWritesIt() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    for second in 0..<2 {
      _ = try store.create(
        type: "technical", fields: technicalForm("\(second)"), requestID: nil, by: "alice",
        at: Self.now.adding(seconds: second))
    }
    let request = CommandRequest(id: "idempotency-next", digest: "sha256:dd")
    let first = try store.at(Self.now.adding(seconds: 60)).claimNext(by: "alice", request: request)
    let entry = fixture.root + "/requests/idempotency-next.json"
    #expect(try String(contentsOfFile: entry, encoding: .utf8) == #"{"case":"\#(first.of.id)"}"# + "\n")
    #expect(try store.verify().behind.isEmpty)
    _ = try store.execute(
      .complete(task: first.task.id, outcome: "resolved", data: [:]), onCase: first.of.id, by: "alice",
      at: Self.now.adding(seconds: 120))
    try FileManager.default.removeItem(atPath: entry)
    let seq = try #require(try store.history(of: StoreID(first.of.id))?.first { $0.request == request.id }?.seq)
    let found = try store.verify()
    #expect(found.problems.isEmpty)
    #expect(
      found.behind == [
        "case '\(first.of.id)': requests/idempotency-next.json is missing, behind its history (event \(seq))"
      ])
    #expect(try store.rebuild().repaired == ["requests/idempotency-next.json"])
    #expect(try store.verify().behind.isEmpty)
    let again = try store.at(Self.now.adding(seconds: 180)).claimNext(by: "alice", request: request)
    #expect(again.task.id == first.task.id && again.task.status == .completed)
  }

  /// audit36 H1: an entry that does not read is damage, and a create meeting it refuses rather
  /// than take it for a new request (before 7 December 2026, stop 35, it made the case again and
  /// wrote over the evidence); rebuild writes it again, and the retry answers the first case.
  @Test func aCreateMeetingAnUnreadableEntryRefusesAndRebuildMendsIt() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let first = try store.create(type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.now)
    try Data(String(repeating: "{\"case\":", count: 200).utf8).write(
      to: URL(fileURLWithPath: fixture.root + "/requests/r1.json"))
    #expect(throws: (any Error).self) {
      try store.create(
        type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.now.adding(seconds: 60))
    }
    #expect(try store.store.streams().count == 1)
    #expect(try store.verify().problems == ["case 'TEC-000001': requests/r1.json does not read"])
    #expect(try store.rebuild().repaired.contains("requests/r1.json"))
    #expect(try store.verify().problems.isEmpty)
    let retried = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.now.adding(seconds: 60))
    #expect(retried == first)
  }
}
