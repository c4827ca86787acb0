import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// audit33 finding 1: a push task its only ready member declined is offered again when the
/// decline runs out. The end of the decline is a timer of the case (`decline_end`), which each
/// store's timer index files as it files every timer, so the tick after it reads the case,
/// ends the decline and offers the task among the ready members with room, the decliner
/// included. (Before, no timer was due: the task waited for its OLA to escalate it.)
///
/// The scene (the audit's repro): gary, capacity 1 in the push workbin `finances_group`
/// (45-second offers), is ready at 09:00; a finance case is created at +10 s and its task
/// offered to him; he declines it at +20 s, until +65 s.
@Suite struct DeclineEndOfferTests {
  static func scene(_ kind: RepositoryKind) throws -> (store: RepositoryUnderTest, task: String) {
    let store = try kind.make()
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    let created = try OfferClaimLockTests.finance(store.at(10))
    let task = created.id + ".1"
    #expect(created.task(task)?.offer?.to == "gary")
    let declined = try store.at(20).execute(.declineOffer(task: task, reason: "busy"), onCase: created.id, by: "gary")
    #expect(declined.task(task)?.status == .queued)
    return (store, task)
  }

  @Test(arguments: RepositoryKind.allCases)
  func aTickAfterTheDeclineEndsOffersTheTaskAgain(kind: RepositoryKind) throws {
    let (store, task) = try Self.scene(kind)
    defer { store.remove() }
    let caseID = String(task[..<task.lastIndex(of: ".")!])
    // Before the decline's end a tick changes nothing.
    #expect(try store.at(64).tick(by: nil).isEmpty)
    #expect(try store.at(64).offers(to: "gary").isEmpty)
    // The tick after it fires `decline_end` and offers the task to gary again.
    let changed = try store.at(70).tick(by: nil)
    #expect(changed.map(\.id) == [caseID])
    #expect(changed.first?.task(task)?.offer?.to == "gary")
    #expect(try store.at(70).offers(to: "gary").map(\.task.id) == [task])
    let history = try #require(try store.repository.history(of: caseID)).suffix(2).map(\.change)
    let until = RepositoryUnderTest.monday.adding(seconds: 65)
    #expect(
      history == [
        .timerFired(Timer(kind: .declineEnd, task: 1, due: until)),
        .taskOffered(task: 1, to: "gary", expires: RepositoryUnderTest.monday.adding(seconds: 115)),
      ])
    // Nothing more is due for the decline: the next tick changes nothing.
    #expect(try store.at(80).tick(by: nil).isEmpty)
  }
}
