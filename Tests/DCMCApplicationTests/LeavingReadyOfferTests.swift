import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// An offer does not outlive its user's readiness (stop 35): a user who leaves `ready`
/// (`not_ready` with a reason, `logged_off`) has their standing offers withdrawn in the same
/// change, recorded as withdrawals (`task.offer_withdrawn`, not as RONA), and each task is
/// offered to the next ready member with room, as after a decline. Before, the offer stood up
/// to its 45 s time-out while the customer waited for nobody, and the tick that withdrew it
/// counted a RONA against its user.
///
/// The scene, on every store: gary (capacity 1) is ready at 09:00, fiona (capacity 2) at
/// +5 s; a finance case is created at +10 s and its task offered to gary, who has waited
/// longest, until +55 s.
@Suite struct LeavingReadyOfferTests {
  static func scene(_ kind: RepositoryKind) throws -> (store: RepositoryUnderTest, task: String) {
    let store = try kind.make()
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    _ = try store.at(5).setPresence(.ready, reason: nil, by: "fiona")
    let created = try OfferClaimLockTests.finance(store.at(10))
    let task = created.id + ".1"
    #expect(created.task(task)?.offer?.to == "gary")
    return (store, task)
  }

  static func kinds(_ store: RepositoryUnderTest, _ task: String) throws -> [String] {
    try #require(try store.repository.history(of: String(task[..<task.lastIndex(of: ".")!]))).map(\.change.kind.rawValue)
  }

  static func ronas(_ store: RepositoryUnderTest, _ task: String) throws -> Int {
    let events = try #require(try store.repository.history(of: String(task[..<task.lastIndex(of: ".")!])))
    return ReportFact.facts(of: events, after: nil).filter { $0.kind == .rona }.count
  }

  @Test(arguments: RepositoryKind.allCases)
  func aBreakWithdrawsTheOfferAndTheNextReadyUserIsOfferedTheTask(kind: RepositoryKind) throws {
    let (store, task) = try Self.scene(kind)
    defer { store.remove() }
    let after = try store.at(20).setPresence(.notReady, reason: "break", by: "gary")
    #expect(after.status == .notReady(reason: "break"))
    #expect(try store.at(20).offers(to: "gary").isEmpty)
    #expect(try store.at(20).offers(to: "fiona").map(\.task.id) == [task])
    #expect(try Self.kinds(store, task).suffix(2) == ["task.offer_withdrawn", "task.offered"])
    // Past gary's offer's time-out (+55 s) nothing is left to expire: no RONA, his break stays.
    #expect(try store.at(60).tick(by: nil).isEmpty)
    #expect(try Self.ronas(store, task) == 0)
    let presence = try store.at(60).presenceService().history(of: "gary", by: "gary")
    #expect(presence.map(\.status) == [.ready, .notReady(reason: "break")])
  }

  @Test(arguments: RepositoryKind.allCases)
  func loggingOffWithNobodyElseReadyLeavesTheTaskQueued(kind: RepositoryKind) throws {
    let (store, task) = try Self.scene(kind)
    defer { store.remove() }
    _ = try store.at(15).setPresence(.loggedOff, reason: nil, by: "fiona")
    _ = try store.at(20).setPresence(.loggedOff, reason: nil, by: "gary")
    let caseID = String(task[..<task.lastIndex(of: ".")!])
    #expect(try store.at(20).load(caseID).task(task)?.status == .queued)
    #expect(try Self.kinds(store, task).last == "task.offer_withdrawn")
    // Ready again, the first back is offered it.
    _ = try store.at(30).setPresence(.ready, reason: nil, by: "fiona")
    #expect(try store.at(30).offers(to: "fiona").map(\.task.id) == [task])
  }

  /// An offer already past its time-out when its user leaves `ready` was not answered in
  /// time: it is the tick's, withdrawn once as unanswered (RONA), never also as a withdrawal;
  /// the user's presence stays where they went.
  @Test(arguments: RepositoryKind.allCases)
  func anOfferPastItsTimeOutIsLeftToTheTickOnce(kind: RepositoryKind) throws {
    let (store, task) = try Self.scene(kind)
    defer { store.remove() }
    _ = try store.at(58).setPresence(.notReady, reason: "break", by: "gary")
    #expect(try Self.kinds(store, task).last == "task.offered")
    _ = try store.at(60).tick(by: nil)
    let kinds = try Self.kinds(store, task)
    #expect(kinds.filter { $0 == "task.offer_expired" }.count == 1 && !kinds.contains("task.offer_withdrawn"))
    #expect(try Self.ronas(store, task) == 1)
    #expect(try store.at(60).offers(to: "fiona").map(\.task.id) == [task])
    let presence = try store.at(60).presenceService().history(of: "gary", by: "gary")
    #expect(presence.last?.status == .notReady(reason: "break"))
  }
}
